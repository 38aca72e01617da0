namespace Gatho.Protocol.Notify;

/// <summary>Union index of a notify message (room → server), in gatho's declaration order.</summary>
public enum NotifyMessageKind : byte
{
    /// <summary><c>ready{port}</c>: the room's WebSocket is listening.</summary>
    Ready = 0,

    /// <summary><c>heartbeat{clients, metrics?, timestamp}</c>: every few seconds while alive.</summary>
    Heartbeat = 1,

    /// <summary><c>client-connected{clientId, roomId, tags}</c>: after auth and after every resume.</summary>
    ClientConnected = 2,

    /// <summary><c>client-disconnected{clientId}</c>: the client left for good.</summary>
    ClientDisconnected = 3,

    /// <summary><c>error{message}</c>: something went wrong (runners synthesize it too).</summary>
    Error = 4,

    /// <summary><c>stopped</c>: the room stopped itself.</summary>
    Stopped = 5,

    /// <summary>
    /// <c>room-tags{remove, set}</c> (Gatho.NET, not gatho): room code changed its own listing tags. Sent only when room
    /// code asks, so a gatho server never sees it from a room that does not use the API.
    /// </summary>
    RoomTags = 6,

    /// <summary><c>room-lock{locked}</c> (Gatho.NET, not gatho): room code locked or unlocked itself.</summary>
    RoomLock = 7,
}

/// <summary>A message a room sends its server over the notify channel.</summary>
public abstract record NotifyMessage
{
    private protected NotifyMessage()
    {
    }

    /// <summary>The union index.</summary>
    public abstract NotifyMessageKind Kind { get; }
}

/// <summary>The room listens on <paramref name="Port"/>.</summary>
public sealed record ReadyNotify(ushort Port) : NotifyMessage
{
    /// <inheritdoc />
    public override NotifyMessageKind Kind => NotifyMessageKind.Ready;
}

/// <summary>One live client in a heartbeat.</summary>
public sealed record HeartbeatClient(string ClientId, IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// Process metrics, in gatho's shape: CPU times in microseconds, memory in bytes. For a .NET room the "heap" figures
/// are the GC's committed and in-use managed heap.
/// </summary>
public sealed record ProcessMetrics(double CpuSystem, double CpuUser, double MemoryHeapTotal, double MemoryHeapUsed, double MemoryRss);

/// <summary>Liveness plus the clients with a live socket (clients in a reconnection window are omitted, as gatho).</summary>
/// <param name="Clients">Clients with a live socket.</param>
/// <param name="Metrics">Process metrics, when the runtime can report them.</param>
/// <param name="Timestamp">The room's wall clock, milliseconds since the Unix epoch.</param>
public sealed record HeartbeatNotify(IReadOnlyList<HeartbeatClient> Clients, ProcessMetrics? Metrics, double Timestamp) : NotifyMessage
{
    /// <inheritdoc />
    public override NotifyMessageKind Kind => NotifyMessageKind.Heartbeat;
}

/// <summary>A client joined or resumed. Servers trust the channel's room id, not <paramref name="RoomId"/>.</summary>
public sealed record ClientConnectedNotify(string ClientId, string RoomId, IReadOnlyDictionary<string, string> Tags) : NotifyMessage
{
    /// <inheritdoc />
    public override NotifyMessageKind Kind => NotifyMessageKind.ClientConnected;
}

/// <summary>A client left for good.</summary>
public sealed record ClientDisconnectedNotify(string ClientId) : NotifyMessage
{
    /// <inheritdoc />
    public override NotifyMessageKind Kind => NotifyMessageKind.ClientDisconnected;
}

/// <summary>An error report.</summary>
public sealed record ErrorNotify(string Message) : NotifyMessage
{
    /// <inheritdoc />
    public override NotifyMessageKind Kind => NotifyMessageKind.Error;
}

/// <summary>The room stopped itself (not sent when its server stopped it).</summary>
public sealed record StoppedNotify : NotifyMessage
{
    /// <summary>The one instance.</summary>
    public static StoppedNotify Instance { get; } = new();

    /// <inheritdoc />
    public override NotifyMessageKind Kind => NotifyMessageKind.Stopped;
}

/// <summary>
/// Room code changed its tags: <paramref name="Remove"/> keys are removed first, then <paramref name="Set"/> is merged
/// in (same key: new value wins). The server applies it to the driver record of the channel's room.
/// </summary>
public sealed record RoomTagsNotify(IReadOnlyDictionary<string, string> Set, IReadOnlyList<string> Remove) : NotifyMessage
{
    /// <inheritdoc />
    public override NotifyMessageKind Kind => NotifyMessageKind.RoomTags;
}

/// <summary>Room code locked (<paramref name="Locked"/> true) or unlocked its room.</summary>
public sealed record RoomLockNotify(bool Locked) : NotifyMessage
{
    /// <inheritdoc />
    public override NotifyMessageKind Kind => NotifyMessageKind.RoomLock;
}
