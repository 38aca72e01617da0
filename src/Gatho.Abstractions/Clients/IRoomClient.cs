namespace Gatho;

/// <summary>
/// One client for its whole stay in the room: the same object is passed to every callback, across resumes. Verbs on a
/// client that has left are silent no-ops.
/// </summary>
public interface IRoomClient
{
    /// <summary>The client's id (from its seat token; a fresh id in standalone mode). Stable across resumes.</summary>
    string Id { get; }

    /// <summary>What <c>OnAuth</c> returned in <see cref="AuthResult.Ok"/> (null when nothing).</summary>
    object? Data { get; }

    /// <summary>Client tags from the seat token (opaque to room code; mirrored into the driver).</summary>
    IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>The protocol version the client speaks: 1 (gatho) or 2 (lossless resume).</summary>
    int ProtocolVersion { get; }

    /// <summary>True while the client has a live socket; false while held in a reconnection window or after leaving.</summary>
    bool IsConnected { get; }

    /// <summary>True until the client has left for good.</summary>
    bool IsInRoom { get; }

    /// <summary>
    /// Bytes queued on the live socket but not yet written (0 when dropped). A signal only: Gatho never evicts a live
    /// client for it (as gatho); protocol v2 bounds unacknowledged bytes instead.
    /// </summary>
    long BufferedAmount { get; }

    /// <summary>Sends text. Reliable messages are kept for a dropped client (and, in v2, until acknowledged).</summary>
    void Send(string message, bool reliable = true);

    /// <summary>Sends bytes. Reliable messages are kept for a dropped client (and, in v2, until acknowledged).</summary>
    void Send(ReadOnlySpan<byte> message, bool reliable = true);

    /// <summary>Sends <paramref name="message"/> back with the same kind (text or bytes) and delivery.</summary>
    void Send(RoomMessage message);

    /// <summary>
    /// Holds the seat of a dropped client for <paramref name="window"/>; only meaningful inside <c>OnDrop</c> (or while
    /// dropped). Calling again replaces the earlier window. When it expires the client leaves (<c>OnLeave</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is not positive.</exception>
    void AllowReconnection(TimeSpan window);

    /// <summary>Removes the client now: its socket closes with 4000 <c>evicted</c>, then <c>OnLeave</c> runs (no <c>OnDrop</c>).</summary>
    void Disconnect();
}
