using Gatho.Drivers.Memory;
using Gatho.Sdk;

namespace Gatho.Server.Tests.Support;

/// <summary>
/// One memory driver (seen by the servers through an <see cref="InterceptingDriver"/>), the SDK, and any number of
/// servers, all in the test process and bound to 127.0.0.1. Room types: <c>fake</c> (scripted <see cref="FakeRoom"/>s)
/// and <c>echo</c> (real in-process rooms). Timings are short so a run takes milliseconds, not gatho's seconds.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private readonly List<GathoServer> servers = new();

    public TestCluster(MemoryDriverOptions? driverOptions = null)
    {
        // Short: a Unix socket path must fit in 108 bytes.
        SocketDirectory = Directory.CreateTempSubdirectory("gs-").FullName;
        Store = new MemoryDriver(driverOptions);
        Driver = new InterceptingDriver(Store);
        Sdk = new GathoSdk(Store);
    }

    /// <summary>The real store (what the SDK and the test read).</summary>
    public MemoryDriver Store { get; }

    /// <summary>The store as the servers see it.</summary>
    public InterceptingDriver Driver { get; }

    public GathoSdk Sdk { get; }

    public FakeRoomRunner Fakes { get; private set; } = new();

    public LogRecorder Logs { get; } = new();

    public string SocketDirectory { get; }

    /// <summary>Replaces the fake runner (call before starting servers).</summary>
    public FakeRoomRunner UseFakes(FakeRoomRunner runner) => Fakes = runner;

    public async Task<GathoServer> StartServerAsync(Action<GathoServerOptions>? configure = null)
    {
        var options = new GathoServerOptions
        {
            Driver = Driver,
            Host = "127.0.0.1",
            Port = 0,
            SocketDirectory = SocketDirectory,
            LoggerFactory = Logs,
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            LeaderInterval = TimeSpan.FromMilliseconds(100),
            RoomStopGrace = TimeSpan.FromSeconds(2),
            DrainTimeout = TimeSpan.FromSeconds(5),
        };
        options.Rooms["fake"] = Fakes;
        options.Rooms["echo"] = EchoRooms.Runner();
        configure?.Invoke(options);
        var server = await GathoServer.StartAsync(options);
        servers.Add(server);
        return server;
    }

    /// <summary>
    /// The secret the store holds for a running room. No room listing carries it, so this reads it the one way the SDK
    /// does, from a reservation (released again at once).
    /// </summary>
    public async Task<string> SecretInStoreAsync(string roomId)
    {
        var reservation = await Store.ReserveClientAsync(new Drivers.Model.ClientReservationRequest(roomId, TimeSpan.FromSeconds(30), null, null));
        await Store.DisconnectClientAsync(reservation.ClientId);
        return reservation.RoomSecret;
    }

    /// <summary>Creates a fake room and returns it once running, with its handle.</summary>
    public async Task<(Drivers.Model.RoomInfo Room, FakeRoomHandle Handle)> CreateFakeAsync(GathoServer server, TimeSpan? timeout = null)
    {
        var room = await Sdk.CreateRoomAsync("fake", server.ServerId, timeout: timeout ?? Wait.Patience);
        return (room, Fakes[room.RoomId]);
    }

    /// <summary>The id of the one room recorded for <paramref name="server"/> while its creation is still pending.</summary>
    public async Task<string> PendingRoomIdAsync(GathoServer server)
    {
        string? id = null;
        await Wait.UntilAsync(
            async () => (id = (await Store.ListRoomsAsync(new Drivers.Model.RoomFilter { ServerId = server.ServerId })).SingleOrDefault()?.RoomId) is not null,
            $"a room recorded for server {server.ServerId}");
        return id!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.StopAsync();
        }

        await Fakes.DisposeAsync();
        await Store.DisposeAsync();
        DeleteSocketDirectory();
    }

    // A room that is still being torn down can remove its own per-room directory while the recursive delete walks
    // the tree, which fails that walk; a second walk sees the settled tree.
    private void DeleteSocketDirectory()
    {
        for (var attempt = 1; attempt <= 5 && Directory.Exists(SocketDirectory); attempt++)
        {
            try
            {
                Directory.Delete(SocketDirectory, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(50);
            }
        }
    }
}
