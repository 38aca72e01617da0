namespace Gatho;

/// <summary>
/// The handle room code uses: identity, the clients, broadcast, timers, stop. Every callback runs on the room's one
/// logical thread, one at a time, so room code needs no locks; use <see cref="Post(Action)"/> to get back onto that
/// thread from other threads (a database call's continuation with <c>ConfigureAwait(false)</c>, a background task).
/// </summary>
public interface IRoom
{
    /// <summary>This room's id.</summary>
    string RoomId { get; }

    /// <summary>This room's type, e.g. <c>counter</c> (<c>room</c> in standalone mode).</summary>
    string RoomType { get; }

    /// <summary>The managing server's id; null in standalone mode.</summary>
    string? ServerId { get; }

    /// <summary>True when the room accepts any connection without a seat token (local development only).</summary>
    bool IsStandalone { get; }

    /// <summary>The room's data from <c>CreateRoom</c> as a JSON object (<c>{}</c> when none).</summary>
    string DataJson { get; }

    /// <summary>Every client in the room, including clients held in a reconnection window.</summary>
    IRoomClients Clients { get; }

    /// <summary>
    /// Sends text to every client except <paramref name="except"/>. The frame is encoded once and the same bytes go to
    /// every socket. Reliable messages are buffered for clients in a reconnection window; unreliable ones are not.
    /// </summary>
    /// <exception cref="InvalidOperationException">The room has not started.</exception>
    void Broadcast(string message, bool reliable = true, IRoomClient? except = null);

    /// <summary>Sends text to every client not in <paramref name="except"/>; excluded clients get no buffered copy either.</summary>
    void Broadcast(string message, bool reliable, IEnumerable<IRoomClient> except);

    /// <summary>Sends bytes to every client except <paramref name="except"/> (see the text overload).</summary>
    void Broadcast(ReadOnlySpan<byte> message, bool reliable = true, IRoomClient? except = null);

    /// <summary>Sends bytes to every client not in <paramref name="except"/>.</summary>
    void Broadcast(ReadOnlySpan<byte> message, bool reliable, IEnumerable<IRoomClient> except);

    /// <summary>Runs <paramref name="callback"/> once on the room thread after <paramref name="delay"/>. Dispose to cancel.</summary>
    IDisposable Schedule(TimeSpan delay, Action callback);

    /// <summary>Runs <paramref name="callback"/> on the room thread every <paramref name="interval"/>. Dispose to cancel.</summary>
    IDisposable ScheduleRepeating(TimeSpan interval, Action callback);

    /// <summary>Queues <paramref name="action"/> to run on the room thread (safe to call from any thread).</summary>
    void Post(Action action);

    /// <summary>Queues <paramref name="action"/> to run on the room thread; the task completes when it has run.</summary>
    Task Post(Func<Task> action);

    /// <summary>Runs <paramref name="function"/> on the room thread and returns its result (read room state from elsewhere).</summary>
    Task<T> Post<T>(Func<T> function);

    /// <summary>
    /// True after <see cref="Lock"/> until <see cref="Unlock"/>: the room takes no new seats and join-or-create never
    /// chooses it; its clients stay, and clients in a reconnection window may still resume.
    /// </summary>
    bool IsLocked { get; }

    /// <summary>
    /// Merges <paramref name="tags"/> into the room's listing tags (same key: new value wins), e.g. <c>state=playing</c>
    /// so lobby listings and join-or-create filters stop offering it. The server writes them to the driver as soon as
    /// it reads the message — before the next heartbeat. No effect in standalone mode (there is no listing).
    /// </summary>
    /// <remarks>
    /// Throws the runtime's <c>Gatho.Protocol.Errors.InvalidTagException</c> naming the key or value that breaks the tag
    /// rules (<c>^[a-zA-Z0-9_-]+$</c>, no leading <c>_</c>) or when the tags serialize to more than 512 bytes; nothing is sent.
    /// </remarks>
    void SetTags(IReadOnlyDictionary<string, string> tags);

    /// <summary>Removes tag keys from the room's listing (absent keys are ignored); see <see cref="SetTags"/>.</summary>
    /// <remarks>Throws <c>InvalidTagException</c> naming a key that breaks the tag rules; nothing is sent.</remarks>
    void RemoveTags(IEnumerable<string> keys);

    /// <summary>
    /// Locks the room (a two-player game locks itself when the match starts): the driver refuses new seats and
    /// join-or-create skips it, as soon as the server reads the message. Idempotent.
    /// </summary>
    void Lock();

    /// <summary>Unlocks the room: it takes seats (up to its capacity) and join-or-create may choose it again.</summary>
    void Unlock();

    /// <summary>
    /// Stops the room: <c>OnShutdown</c>, then <c>OnLeave</c> for every client, then every socket closes with 1001 and the
    /// server is told the room stopped. Completes when the room has stopped.
    /// </summary>
    Task StopAsync();
}
