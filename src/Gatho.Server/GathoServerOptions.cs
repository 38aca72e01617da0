using Gatho.Drivers;
using Gatho.Server.Runners;
using Microsoft.Extensions.Logging;

namespace Gatho.Server;

/// <summary>Where a room's clients connect: the room id and the port its WebSocket listener got.</summary>
public readonly record struct RoomEndpointContext(string RoomId, int Port);

/// <summary>How a <see cref="GathoServer"/> runs (gatho-behaviour §7.1, DESIGN D8).</summary>
public sealed class GathoServerOptions
{
    /// <summary>Room types this server runs, each with its runner (also advertised to the SDK as room types).</summary>
    public IDictionary<string, IRoomRunner> Rooms { get; } = new Dictionary<string, IRoomRunner>(StringComparer.Ordinal);

    /// <summary>The driver servers and the SDK coordinate through (with <c>AddGathoServer</c>: resolved from DI when unset).</summary>
    public IDriver? Driver { get; set; }

    /// <summary>
    /// The client-facing URL of a room, e.g. <c>ctx =&gt; $"wss://play.example.com/{ctx.Port}"</c> behind a proxy. Default:
    /// <c>ws://&lt;RoomHost&gt;:&lt;port&gt;/</c> (127.0.0.1 when rooms bind every interface).
    /// </summary>
    public Func<RoomEndpointContext, string>? RoomEndpoint { get; set; }

    /// <summary>HTTP bind address for <c>/health</c> and <c>/ping</c>. Default <c>0.0.0.0</c>.</summary>
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>HTTP port; 0 lets the OS choose. Default 3000.</summary>
    public int Port { get; set; } = 3000;

    /// <summary>
    /// The URL published for this server. Default <c>http://&lt;host&gt;:&lt;port&gt;</c>; required with a networked driver
    /// when <see cref="Host"/> is a wildcard, or every server would publish the same unroutable address.
    /// </summary>
    public string? ServerEndpoint { get; set; }

    /// <summary>Server tags, written when the server first registers.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Registration, heartbeat and reconcile cadence. Default 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the leader reaps stale servers. Default 10 s.</summary>
    public TimeSpan LeaderInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time a room has to send its first notify message after it was started. Default 30 s.</summary>
    public TimeSpan RoomStartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A started room whose last heartbeat is older than this is killed and reported failed. Default 10 s.</summary>
    public TimeSpan RoomStallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When stopping, how long rooms get to close their clients and exit before they are killed. Default 10 s.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When the server stops a room (destroy), how long a graceful stop may take before the runner's stopper. Default 5 s.</summary>
    public TimeSpan RoomStopGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where per-room notify sockets live (<c>&lt;dir&gt;/&lt;roomId&gt;/sock</c>). Default <c>$TMPDIR/gatho-ipc-&lt;uid&gt;</c>.
    /// Created with mode 0700 when missing; an existing directory must be owned by the server's user and writable by
    /// no one else, or the server refuses to start (<see cref="ServerConfigurationException"/>): another local user
    /// who could write there could put a socket of their own in a room's place.
    /// </summary>
    public string SocketDirectory { get; set; } = Notify.PrivateSocketDirectory.DefaultRoot();

    /// <summary>The address rooms bind (<c>GATHO_ROOM_HOST</c>). Default <c>127.0.0.1</c>.</summary>
    public string RoomHost { get; set; } = "127.0.0.1";

    /// <summary>Largest notify frame accepted from a room. Default 1 MiB.</summary>
    public int MaxNotifyFrameBytes { get; set; } = 1024 * 1024;

    /// <summary>Logging (with <c>AddGathoServer</c>: from DI when unset).</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for timeouts and staleness bookkeeping. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
