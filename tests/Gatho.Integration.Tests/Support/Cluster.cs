using Gatho.Drivers.Memory;
using Gatho.Sdk;
using Gatho.Server;
using Gatho.Server.Runners;
using Microsoft.Extensions.Logging;

namespace Gatho.Integration.Tests.Support;

/// <summary>
/// One memory driver shared by the SDK and one or more servers in this test process; rooms run as real child processes
/// (<c>tests/Gatho.TestRoom</c>) through the subprocess runner, with their notify sockets in a private temp directory.
/// </summary>
internal sealed class Cluster : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<GathoServer> servers = new();

    public Cluster(MemoryDriverOptions? driverOptions = null)
    {
        SocketDirectory = Directory.CreateTempSubdirectory("gi-").FullName;
        Driver = new MemoryDriver(driverOptions);
        Sdk = new GathoSdk(Driver);
    }

    public static ILoggerFactory Logging { get; } = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));

    public MemoryDriver Driver { get; }

    public GathoSdk Sdk { get; }

    public string SocketDirectory { get; }

    public static string TestRoomPath
    {
        get
        {
            var bin = AppContext.BaseDirectory;
            var marker = Path.DirectorySeparatorChar + "Gatho.Integration.Tests" + Path.DirectorySeparatorChar;
            var index = bin.LastIndexOf(marker, StringComparison.Ordinal);
            var path = Path.Combine(bin[..index], "Gatho.TestRoom", bin[(index + marker.Length)..], "Gatho.TestRoom.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("TestRoom not built", path);
        }
    }

    /// <summary>
    /// A runner starting the test room in <paramref name="mode"/> (echo, silent, exit), heartbeating every
    /// <paramref name="heartbeat"/> (the room's default 3 s when null).
    /// </summary>
    public static IRoomRunner TestRoom(string mode = "echo", TimeSpan? killTimeout = null, TimeSpan? heartbeat = null) =>
        Subprocess.Dotnet(TestRoomPath, new[] { mode }, new SubprocessOptions
        {
            KillTimeout = killTimeout ?? TimeSpan.FromSeconds(5),
            Environment = _ => heartbeat is { } interval
                ? new Dictionary<string, string> { ["GATHO_LOG_LEVEL"] = "error", ["GATHO_TEST_HEARTBEAT_MS"] = ((int)interval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) }
                : new Dictionary<string, string> { ["GATHO_LOG_LEVEL"] = "error" },
        });

    /// <summary>Room processes started for this cluster (their notify sockets are in its directory) that still run.</summary>
    public IReadOnlyList<OsProcess> LiveRoomProcesses() =>
        RoomProcesses.Where(env => env.Any(v => v.StartsWith("GATHO_NOTIFY_SOCKET=uds:" + SocketDirectory + "/", StringComparison.Ordinal)));

    public async Task<GathoServer> StartServerAsync(Action<GathoServerOptions>? configure = null)
    {
        var options = new GathoServerOptions
        {
            Driver = Driver,
            Host = "127.0.0.1",
            Port = 0,
            SocketDirectory = SocketDirectory,
            LoggerFactory = Logging,
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
            LeaderInterval = TimeSpan.FromMilliseconds(500),
        };
        options.Rooms["echo"] = TestRoom();
        configure?.Invoke(options);
        var server = await GathoServer.StartAsync(options);
        servers.Add(server);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.StopAsync();
        }

        // Whatever a failed test left behind (a stopped process, a room whose server never stopped it) is killed here.
        RoomProcesses.KillAll(LiveRoomProcesses());
        await Driver.DisposeAsync();
        try
        {
            Directory.Delete(SocketDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
