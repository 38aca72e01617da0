namespace Gatho.Protocol.Hosting;

/// <summary>
/// The <c>GATHO_*</c> environment variables a server hands to every room it spawns (gatho-behaviour §5.5), plus the
/// Gatho.NET additions. Runners forward them; the room runtime reads them.
/// </summary>
public static class GathoEnvironment
{
    /// <summary>The room's id.</summary>
    public const string RoomId = "GATHO_ROOM_ID";

    /// <summary>The room's type (the key the server's runner was registered under).</summary>
    public const string RoomType = "GATHO_ROOM_TYPE";

    /// <summary>The managing server's id.</summary>
    public const string ServerId = "GATHO_SERVER_ID";

    /// <summary>The per-room HS256 secret seat tokens are verified with.</summary>
    public const string RoomSecret = "GATHO_ROOM_SECRET";

    /// <summary>Where the room dials its server: <c>uds:&lt;path&gt;</c> or a bare path (<c>tcp://host:port?token=…</c> also accepted).</summary>
    public const string NotifySocket = "GATHO_NOTIFY_SOCKET";

    /// <summary>Gatho.NET: the address the room's WebSocket listener binds (default <c>127.0.0.1</c>).</summary>
    public const string RoomHost = "GATHO_ROOM_HOST";

    /// <summary>Gatho.NET: the room's WebSocket port (default 0, chosen by the OS).</summary>
    public const string RoomPort = "GATHO_ROOM_PORT";

    /// <summary>Gatho.NET: the room's join data from <c>CreateRoom</c>, as a JSON object.</summary>
    public const string RoomData = "GATHO_ROOM_DATA";
}
