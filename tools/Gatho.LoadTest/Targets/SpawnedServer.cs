using Gatho.Drivers.Memory;
using Gatho.Sdk;
using Gatho.Server;
using Gatho.Server.Runners;

namespace Gatho.LoadTest.Targets;

/// <summary>
/// The whole path a backend takes, in this process: a memory driver, a <see cref="GathoServer"/> whose subprocess runner
/// starts the room assembly, and the SDK that creates one room and reserves every client's seat.
/// </summary>
internal sealed class SpawnedServer : IAsyncDisposable
{
    private readonly MemoryDriver driver;
    private readonly GathoServer server;
    private readonly string socketDirectory;

    private SpawnedServer(MemoryDriver driver, GathoServer server, string socketDirectory)
    {
        this.driver = driver;
        this.server = server;
        this.socketDirectory = socketDirectory;
    }

    /// <summary>
    /// <paramref name="roomAssembly"/> is a room assembly (<c>.dll</c>, run with <c>dotnet</c>) or a native room executable
    /// (a NativeAOT publish, or anything else the subprocess runner can start directly).
    /// </summary>
    public static async Task<LoadTarget> StartAsync(string roomAssembly, string roomType, CancellationToken cancellationToken)
    {
        if (!File.Exists(roomAssembly))
        {
            throw new FileNotFoundException($"room {roomAssembly} not found (build or publish it first)", roomAssembly);
        }

        var socketDirectory = Directory.CreateTempSubdirectory("gatho-load-").FullName;
        var driver = new MemoryDriver();
        var options = new GathoServerOptions
        {
            Driver = driver,
            Host = "127.0.0.1",
            Port = 0,
            SocketDirectory = socketDirectory,
            // A room saturated on purpose may send its heartbeat late; a load run must not have its room reaped for it.
            RoomStallTimeout = TimeSpan.FromMinutes(5),
        };
        var quiet = new SubprocessOptions { Environment = _ => new Dictionary<string, string> { ["GATHO_LOG_LEVEL"] = "warn" } };
        var path = Path.GetFullPath(roomAssembly);
        options.Rooms[roomType] = ChildProcess.IsAssembly(path)
            ? Subprocess.Dotnet(path, Array.Empty<string>(), quiet)
            : new Subprocess(path, Array.Empty<string>(), quiet);
        var server = await GathoServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        var owner = new SpawnedServer(driver, server, socketDirectory);
        try
        {
            var sdk = new GathoSdk(driver);
            var room = await sdk.CreateRoomAsync(roomType, server.ServerId, timeout: TimeSpan.FromSeconds(60), cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SdkTarget(sdk, room.RoomId, RoomProcesses.Find(room.RoomId), owner);
        }
        catch
        {
            await owner.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await server.StopAsync().ConfigureAwait(false);
        await driver.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(socketDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A room socket still closing; the temp directory is the OS's to clean.
        }
    }
}
