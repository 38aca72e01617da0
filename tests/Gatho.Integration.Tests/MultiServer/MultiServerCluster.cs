using System.Globalization;
using Gatho.Integration.Tests.MultiServer.Stores;
using Gatho.Integration.Tests.Support;
using Gatho.Protocol.Urls;

namespace Gatho.Integration.Tests.MultiServer;

/// <summary>A room as the SDK process lists it.</summary>
internal sealed record ListedRoom(string RoomId, string ServerId, string Status);

/// <summary>A live server as the SDK process lists it.</summary>
internal sealed record ListedServer(string ServerId, int Rooms, string RoomTypes);

/// <summary>A real client (raw gatho frames over a WebSocket, gv=1) joined to an echo room.</summary>
internal sealed record RoomClient(string RoomId, string ServerId, WireClient Wire);

/// <summary>
/// A deployment spread over processes: N server processes and one SDK process over one store, echo rooms as the
/// servers' child processes, and clients in this process. Short timings keep faults quick to provoke: servers beat
/// every <see cref="Cadence"/>, a server is stale after <see cref="Lease"/>, rooms redial a lost server for
/// <see cref="RedialGrace"/>.
/// </summary>
internal sealed class MultiServerCluster : IAsyncDisposable
{
    public static readonly TimeSpan Cadence = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan RedialGrace = TimeSpan.FromSeconds(3);

    private readonly List<RoomClient> clients = [];
    private int echoes;

    private MultiServerCluster(IStoreFixture store)
    {
        Store = store;
    }

    public IStoreFixture Store { get; }

    public List<ServerProcessHandle> Servers { get; } = [];

    public SdkProcessHandle Sdk { get; private set; } = null!;

    public IReadOnlyList<RoomClient> Clients => clients;

    public static async Task<MultiServerCluster> StartAsync(IStoreFixture store, int servers)
    {
        var cluster = new MultiServerCluster(store);
        try
        {
            var environment = cluster.ChildEnvironment();
            cluster.Servers.AddRange(await Task.WhenAll(Enumerable.Range(0, servers).Select(_ => ServerProcessHandle.StartAsync(environment))));
            cluster.Sdk = await SdkProcessHandle.StartAsync(environment);
            await Wait.UntilAsync(async () => (await cluster.ServersAsync()).Count == servers, $"{servers} servers listed");
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public ServerProcessHandle Server(string serverId) => Servers.Single(server => server.ServerId == serverId);

    /// <summary>Creates an echo room on the least-loaded server and waits until it runs.</summary>
    public async Task<ListedRoom> CreateRoomAsync()
    {
        var parts = (await Sdk.RunAsync("create")).Split(' ');
        return new ListedRoom(parts[0], parts[1], "running");
    }

    /// <summary>Mints a seat through the SDK process and connects a client with it.</summary>
    public async Task<RoomClient> JoinAsync(ListedRoom room)
    {
        var url = await Sdk.RunAsync($"join {room.RoomId}");
        var wire = await WireClient.ConnectAsync(SeatUrl.ForConnect(url, 1));
        await wire.SessionAsync();
        var client = new RoomClient(room.RoomId, room.ServerId, wire);
        clients.Add(client);
        return client;
    }

    /// <summary>Sends a text and expects it back: the client's connection and its room are alive.</summary>
    public async Task EchoAsync(RoomClient client)
    {
        var text = "ping-" + Interlocked.Increment(ref echoes).ToString(CultureInfo.InvariantCulture);
        await client.Wire.SendTextAsync(text, v2: false);
        Assert.Equal(text, await client.Wire.TextAsync());
    }

    public async Task<IReadOnlyList<ListedRoom>> RoomsAsync() =>
        (await Sdk.RunAsync("rooms")).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(item => item.Split('@'))
            .Select(parts => new ListedRoom(parts[0], parts[1], parts[2]))
            .ToList();

    public async Task<IReadOnlyList<ListedServer>> ServersAsync() =>
        (await Sdk.RunAsync("servers")).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(item => item.Split('@'))
            .Select(parts => new ListedServer(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]))
            .ToList();

    /// <summary>True while the store holds a record of the server, stale or not.</summary>
    public async Task<bool> ServerRecordedAsync(string serverId) => await Sdk.RunAsync($"server {serverId}") == "present";

    /// <summary>Room processes of every server that still run, by room id (a room running twice shows up twice).</summary>
    public IReadOnlyList<(string RoomId, OsProcess Process)> LiveRoomProcesses() =>
        Servers.SelectMany(server => server.LiveRoomProcesses()).Select(process => (RoomIdOf(process), process)).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.Wire.DisposeAsync();
        }

        if (Sdk is not null)
        {
            await Sdk.DisposeAsync();
        }

        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }
    }

    private static string RoomIdOf(OsProcess process)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Pid}/environ").Split('\0').FirstOrDefault(v => v.StartsWith("GATHO_ROOM_ID=", StringComparison.Ordinal))?["GATHO_ROOM_ID=".Length..] ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private Dictionary<string, string> ChildEnvironment()
    {
        var environment = new Dictionary<string, string>(Store.ChildEnvironment)
        {
            ["GATHO_TEST_STALE_MS"] = ((int)Lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ["GATHO_TEST_CADENCE_MS"] = ((int)Cadence.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ["GATHO_TEST_REDIAL_GRACE_MS"] = ((int)RedialGrace.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        };
        return environment;
    }
}
