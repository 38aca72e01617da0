using System.Reflection;

namespace Gatho.Drivers.Redis.Scripts;

/// <summary>
/// Every script the driver runs, each one atomic: the shared library (key layout, purge of lapsed records, record
/// readers) followed by the script's own body, both embedded from <c>Scripts/*.lua</c>.
/// </summary>
internal sealed class GathoScripts
{
    public GathoScripts()
    {
        var library = Read("library");
        RedisScript Load(string name) => new(name, library + "\n" + Read(name));

        Heartbeat = Load("heartbeat");
        UnregisterServer = Load("unregister_server");
        ReapServer = Load("reap_server");
        ServerTags = Load("server_tags");
        ListServers = Load("list_servers");
        RegisterRoom = Load("register_room");
        UnregisterRoom = Load("unregister_room");
        RoomReady = Load("room_ready");
        RoomFailure = Load("room_failure");
        RoomTags = Load("room_tags");
        GetRoom = Load("get_room");
        ListRooms = Load("list_rooms");
        ReserveClient = Load("reserve_client");
        ConnectClient = Load("connect_client");
        DisconnectClient = Load("disconnect_client");
        Leader = Load("leader");
        JoinOrCreate = Load("join_or_create");
        GetReservation = Load("get_reservation");
        RoomLock = Load("room_lock");
        All = [JoinOrCreate, GetReservation, RoomLock, Heartbeat, UnregisterServer, ReapServer, ServerTags, ListServers, RegisterRoom, UnregisterRoom, RoomReady, RoomFailure, RoomTags, GetRoom, ListRooms, ReserveClient, ConnectClient, DisconnectClient, Leader];
    }

    public IReadOnlyList<RedisScript> All { get; }

    public RedisScript Heartbeat { get; }

    public RedisScript UnregisterServer { get; }

    public RedisScript ReapServer { get; }

    public RedisScript ServerTags { get; }

    public RedisScript ListServers { get; }

    public RedisScript RegisterRoom { get; }

    public RedisScript UnregisterRoom { get; }

    public RedisScript RoomReady { get; }

    public RedisScript RoomFailure { get; }

    public RedisScript RoomTags { get; }

    public RedisScript GetRoom { get; }

    public RedisScript ListRooms { get; }

    public RedisScript ReserveClient { get; }

    public RedisScript ConnectClient { get; }

    public RedisScript DisconnectClient { get; }

    public RedisScript Leader { get; }

    public RedisScript JoinOrCreate { get; }

    public RedisScript GetReservation { get; }

    public RedisScript RoomLock { get; }

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Gatho.Drivers.Redis.Scripts.{name}.lua")
            ?? throw new InvalidOperationException($"embedded script {name}.lua is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
