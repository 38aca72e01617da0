using Gatho.Room.Runtime;

namespace Gatho.Room.Transport;

/// <summary>
/// One client socket as the room runtime sees it. Real sockets (<see cref="WebSocketConnection"/>) and the in-memory
/// test host implement it. Everything here is safe to call from the room thread without blocking: sends are queued
/// and written by the connection's own writer.
/// </summary>
internal interface IClientConnection
{
    /// <summary>Protocol version announced in <c>gv</c> (1 when it was missing or unsupported).</summary>
    int ProtocolVersion { get; }

    /// <summary>For logs: remote address and port, or a test name.</summary>
    string Description { get; }

    /// <summary>Bytes queued but not yet written.</summary>
    long BufferedAmount { get; }

    /// <summary>True once a close was queued or the socket died.</summary>
    bool IsClosed { get; }

    /// <summary>The client this socket belongs to once admitted (set and read on the room thread).</summary>
    RoomClient? Client { get; set; }

    /// <summary>
    /// Queues a frame within the socket's byte budget (see <see cref="OutboundQueue"/>). The array may be shared with
    /// other sockets and must not change. Ignored once closed.
    /// </summary>
    SendOutcome Send(byte[] frame, OutboundKind kind = OutboundKind.Reliable);

    /// <summary>
    /// The room admitted this socket (a join or resume succeeded): only now is it read (DESIGN D12: nothing is read or
    /// decoded from a connection before it is admitted). Called on the room thread, at most once.
    /// </summary>
    void Admit();

    /// <summary>Queues a close after the frames already queued. Idempotent.</summary>
    void Close(int code, string reason);

    /// <summary>Drops the socket at once, without a close handshake (a half-open socket being replaced).</summary>
    void Abort();

    /// <summary>The room finished with one inbound message (its handler completed); lets the reader take another (backpressure).</summary>
    void MessageProcessed();
}
