using Microsoft.Extensions.Logging;

namespace Gatho.Room;

/// <summary>
/// How a room starts. In managed mode (spawned by a Gatho server) the identity and secret come from the <c>GATHO_*</c>
/// environment variables, or from the properties here (a custom runner); <see cref="Standalone"/> opts into local
/// development, where every connection is accepted. Without either the room refuses to start (fails closed).
/// </summary>
public sealed class RoomOptions
{
    /// <summary>Accept any connection without a seat token, with a random room id and no server (local development).</summary>
    public bool Standalone { get; init; }

    /// <summary>The room id (default: <c>GATHO_ROOM_ID</c>, else a random id).</summary>
    public string? RoomId { get; init; }

    /// <summary>The room type (default: <c>GATHO_ROOM_TYPE</c>, else <c>room</c>).</summary>
    public string? RoomType { get; init; }

    /// <summary>The managing server's id (default: <c>GATHO_SERVER_ID</c>).</summary>
    public string? ServerId { get; init; }

    /// <summary>The per-room seat-token secret (default: <c>GATHO_ROOM_SECRET</c>). Required in managed mode.</summary>
    public string? RoomSecret { get; init; }

    /// <summary>Where to dial the server: <c>uds:&lt;path&gt;</c>, a bare path, or <c>tcp://host:port?token=…</c> (default: <c>GATHO_NOTIFY_SOCKET</c>).</summary>
    public string? NotifySocket { get; init; }

    /// <summary>The room's data as a JSON object (default: <c>GATHO_ROOM_DATA</c>, else <c>{}</c>).</summary>
    public string? DataJson { get; init; }

    /// <summary>
    /// Address the WebSocket listener binds (default: <c>GATHO_ROOM_HOST</c>, else <c>127.0.0.1</c>). Rooms are reached
    /// through the server's room-endpoint function, often behind a proxy, so loopback is the safe default; use
    /// <c>0.0.0.0</c> to accept clients from the network directly.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>WebSocket port (default: <c>GATHO_ROOM_PORT</c>, else 0 = chosen by the OS).</summary>
    public int? Port { get; init; }

    /// <summary>Largest inbound WebSocket message, type byte included; larger ones close the connection with 1009. Default 1 MiB.</summary>
    public int MaxMessageBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Per-client cap on kept reliable bytes: frames buffered for a dropped client, and in protocol v2 frames not yet
    /// acknowledged. Over it the client is evicted (close 4000), as gatho. Keep it a few times
    /// <see cref="MaxMessageBytes"/>, so a room that echoes a message of the largest size does not evict its sender.
    /// Default 4 MiB. See docs/limits.md.
    /// </summary>
    public int MaxBufferBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Per-connection hard cap on bytes queued for the socket and not yet written (the outbound byte budget). A reliable
    /// frame that would go over it evicts the client with close 4002 "too slow: outbound buffer full"; one frame of any
    /// size is still taken when nothing else waits. Default 4 MiB.
    /// </summary>
    public int MaxOutboundBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Unreliable frames are dropped (not queued) for a socket that already has this many bytes waiting, so a slow
    /// reader gets fresh state instead of a stale backlog, and unreliable traffic never evicts anyone. Default 64 KiB.
    /// </summary>
    public int MaxUnreliableOutboundBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// How many inbound messages of one connection may be unfinished (waiting for the room thread, or their handler not
    /// yet completed) before its socket stops being read (backpressure). A client's handlers run one at a time, in order,
    /// also across <c>await</c>. Default 256.
    /// </summary>
    public int MaxPendingInboundMessages { get; init; } = 256;

    /// <summary>WebSocket connections the room keeps at once, admitted or not; further upgrades get HTTP 503. Default 1024.</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>
    /// Upgraded connections whose seat or session the room is still deciding (<c>OnAuth</c> running); further upgrades
    /// get HTTP 503. Nothing is read from such a connection until it is admitted. Default 64.
    /// </summary>
    public int MaxUnadmittedConnections { get; init; } = 64;

    /// <summary>
    /// TCP connections that have not completed their HTTP upgrade request (Kestrel's connection limit); each must send
    /// its request headers within <see cref="HandshakeTimeout"/>. Default 4096.
    /// </summary>
    public int MaxHandshakingConnections { get; init; } = 4096;

    /// <summary>How long a new TCP connection has to send its upgrade request before it is closed. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Refused upgrades are logged at Information at most once per this interval (with a count); the rest at Debug. Default 10 s.</summary>
    public TimeSpan RefusalLogInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Live timers a room may have (<c>Schedule</c>, <c>ScheduleRepeating</c>, reconnection windows); more throw. Default 100,000.</summary>
    public int MaxTimers { get; init; } = 100_000;

    /// <summary>Clock-skew tolerance when checking seat-token expiry. Default 10 s.</summary>
    public TimeSpan SeatTokenLeeway { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Protocol v2: send <c>ack</c> at least this often while new client frames arrived. Default 1 s.</summary>
    public TimeSpan AckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Protocol v2: also send <c>ack</c> once this many client frames arrived since the last one. Default 32.</summary>
    public int AckEveryFrames { get; init; } = 32;

    /// <summary>Notify heartbeat cadence. Default 3 s (as gatho).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long the room keeps trying to redial a lost notify channel before it shuts itself down, so a room whose
    /// server died does not live on as an orphan. Default 10 s.
    /// </summary>
    public TimeSpan NotifyRedialGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>WebSocket ping cadence; with <see cref="KeepAliveTimeout"/> it detects dead peers. Default 15 s.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Close a socket whose peer did not answer a ping within this time. Default 15 s.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Stop gracefully on SIGTERM and SIGINT. Default true; turn off when several rooms share a process.</summary>
    public bool StopOnProcessSignals { get; init; } = true;

    /// <summary>Logging; default: a single-line console logger at <c>GATHO_LOG_LEVEL</c> (default Information).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Environment to read <c>GATHO_*</c> from instead of the process environment (tests, in-process runners).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>
    /// The room's clock: seat-token expiry, room timers (<c>Schedule</c>, <c>ScheduleRepeating</c>), reconnection
    /// windows, the ack and heartbeat cadence. Default: the system clock; tests pass a fake one.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
