using System.Collections.Concurrent;
using Gatho.Drivers;
using Gatho.Server.Http;
using Gatho.Server.Lifecycle;
using Gatho.Server.Metrics;
using Gatho.Server.Rooms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatho.Server;

/// <summary>
/// A Gatho server: registers itself with the driver, learns room assignments (pushed, and reconciled every heartbeat),
/// starts each room through its runner, watches it over its notify channel, reports ready / failed / gone to the driver,
/// reaps dead servers when it is the leader, and drains gracefully on stop. Start one with <see cref="StartAsync"/> or
/// <c>services.AddGathoServer(...)</c>.
/// </summary>
public sealed partial class GathoServer : IAsyncDisposable
{
    // A heartbeat or leader round that takes longer than this is abandoned (its results ignored), as gatho.
    private static readonly TimeSpan TickTimeout = TimeSpan.FromSeconds(5);

    // Ids of rooms this process ever tried to start are kept this long after they left the desired set (at-most-once).
    private static readonly TimeSpan AttemptMemory = TimeSpan.FromMinutes(5);

    private readonly GathoServerOptions options;
    private readonly IDriver driver;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, ManagedRoom> rooms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> attempted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> lostSince = new(StringComparer.Ordinal);
    private readonly ServerMetrics metrics;
    private readonly string[] roomTypes;
    private ServerHttp? http;
    private IAsyncDisposable? subscription;
    private PunctualLoop? heartbeat;
    private PunctualLoop? leadership;
    private IReadOnlyDictionary<string, string> tags;
    private volatile bool accepting = true;
    private volatile bool alive = true;
    private int stopRequested;
    private Task? stopTask;

    private GathoServer(GathoServerOptions options, IDriver driver, ILogger logger)
    {
        this.options = options;
        this.driver = driver;
        this.logger = logger;
        time = options.TimeProvider;
        ServerId = Guid.NewGuid().ToString();
        roomTypes = options.Rooms.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        tags = new Dictionary<string, string>(options.Tags, StringComparer.Ordinal);
        metrics = new ServerMetrics(this);
    }

    /// <summary>This server's id (a new one every start).</summary>
    public string ServerId { get; }

    /// <summary>The URL published in the driver for this server.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>The HTTP listener's bound address.</summary>
    public (string Host, int Port) Address { get; private set; }

    /// <summary>True while this server leads (reaps stale servers).</summary>
    public bool IsLeader { get; private set; }

    /// <summary>True once <see cref="StopAsync"/> began: no new rooms are taken.</summary>
    public bool IsDraining => !accepting;

    /// <summary>
    /// Starts a server: HTTP (<c>/health</c>, <c>/ping</c>), then the push subscription (first, so no assignment is
    /// missed), then the first heartbeat (which registers the server), then the leader loop.
    /// </summary>
    /// <exception cref="ServerConfigurationException">
    /// No driver, no room types, a networked driver with a wildcard host and no endpoint, or a socket directory another
    /// user owns or may write to.
    /// </exception>
    public static async Task<GathoServer> StartAsync(GathoServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var driver = ServerOptionChecks.Validate(options);
        Notify.PrivateSocketDirectory.EnsureRoot(options.SocketDirectory);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var server = new GathoServer(options, driver, loggerFactory.CreateLogger("Gatho.Server"));
        try
        {
            await server.StartCoreAsync(loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>What this server knows about <paramref name="roomId"/>, or null if it does not run it.</summary>
    public RoomDetails? GetRoomDetails(string roomId) => rooms.TryGetValue(roomId, out var room) ? room.Details() : null;

    /// <summary>Every room this server runs.</summary>
    public IReadOnlyList<RoomDetails> GetAllRoomDetails() => rooms.Values.Select(r => r.Details()).OrderBy(d => d.RoomId, StringComparer.Ordinal).ToArray();

    /// <summary>Drains and stops the server (same as <see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    internal IEnumerable<ManagedRoom> Rooms => rooms.Values;

    private async Task StartCoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        http = await ServerHttp.StartAsync(options.Host, options.Port, loggerFactory, cancellationToken).ConfigureAwait(false);
        Address = (options.Host, http.Port);
        Endpoint = options.ServerEndpoint ?? $"http://{DisplayHost(options.Host)}:{http.Port}";

        subscription = await driver.SubscribeServerEventsAsync(ServerId, OnServerEventAsync, cancellationToken).ConfigureAwait(false);
        heartbeat = new PunctualLoop("heartbeat", options.HeartbeatInterval, TickTimeout, HeartbeatTickAsync, time, logger);
        await heartbeat.StartAsync().ConfigureAwait(false);
        leadership = new PunctualLoop("leader", options.LeaderInterval, TickTimeout, LeaderTickAsync, time, logger);
        _ = leadership.StartAsync();
        logger.LogInformation("server {ServerId} up at {Endpoint} running {RoomTypes}", ServerId, Endpoint, string.Join(", ", roomTypes));
    }

    private static string DisplayHost(string host) => host switch
    {
        "0.0.0.0" or "*" or "" => "127.0.0.1",
        "::" => "[::1]",
        _ when host.Contains(':') => $"[{host}]",
        _ => host,
    };
}
