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
    /// acknowledged. Over it the client is evicted (close 4000), as gatho. Default 1 MiB.
    /// </summary>
    public int MaxBufferBytes { get; init; } = 1024 * 1024;

    /// <summary>How many inbound messages of one connection may wait for the room thread before its socket stops being read (backpressure). Default 256.</summary>
    public int MaxPendingInboundMessages { get; init; } = 256;

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

    /// <summary>The clock seat-token expiry is checked against. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
