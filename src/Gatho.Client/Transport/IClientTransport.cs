namespace Gatho.Client.Transport;

/// <summary>
/// Opens sockets to rooms. The default, <see cref="WebSocketTransport"/>, uses <c>System.Net.WebSockets.ClientWebSocket</c>;
/// supply another one where that class is missing or unsuitable (a browser-hosted runtime, a test double).
/// </summary>
public interface IClientTransport
{
    /// <summary>Creates an unconnected socket. The client calls <see cref="IClientSocket.ConnectAsync"/> next.</summary>
    IClientSocket CreateSocket();
}

/// <summary>
/// One WebSocket as the client uses it: whole binary messages in and out, a close handshake, and an abort. The client
/// calls <see cref="SendAsync"/> from one writer at a time and <see cref="ReceiveAsync"/> from one reader at a time,
/// concurrently with each other, as <c>ClientWebSocket</c> allows.
/// </summary>
public interface IClientSocket : IDisposable
{
    /// <summary>Connects and completes the WebSocket upgrade; throws when the upgrade is refused (e.g. HTTP 401).</summary>
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>Sends one complete binary message.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>
    /// Receives the next complete message into <paramref name="destination"/> (cleared by the caller). Fails with
    /// <see cref="MessageTooLargeException"/> when a message exceeds <paramref name="maxMessageBytes"/>.
    /// </summary>
    ValueTask<SocketReceiveResult> ReceiveAsync(MessageBuffer destination, int maxMessageBytes, CancellationToken cancellationToken);

    /// <summary>Starts the close handshake with <paramref name="code"/>; the reader then sees the peer's close.</summary>
    Task CloseOutputAsync(int code, string reason, CancellationToken cancellationToken);

    /// <summary>Tears the connection down at once (no close handshake); pending reads and writes fail.</summary>
    void Abort();
}

/// <summary>What <see cref="IClientSocket.ReceiveAsync"/> got.</summary>
public enum SocketMessageKind
{
    /// <summary>A binary message: every Gatho frame.</summary>
    Binary,

    /// <summary>A text-opcode message: not a Gatho frame; ignored, as gatho's client does.</summary>
    Text,

    /// <summary>The peer closed; <see cref="SocketReceiveResult.CloseCode"/> says how.</summary>
    Close,
}

/// <summary>The outcome of one receive.</summary>
/// <param name="Kind">What arrived.</param>
/// <param name="CloseCode">For <see cref="SocketMessageKind.Close"/>: the peer's close code (1005 when it sent none).</param>
/// <param name="CloseReason">For <see cref="SocketMessageKind.Close"/>: the peer's close reason.</param>
public readonly record struct SocketReceiveResult(SocketMessageKind Kind, int CloseCode = 0, string CloseReason = "");
