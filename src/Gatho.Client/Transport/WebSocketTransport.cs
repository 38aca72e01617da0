using System.Net.WebSockets;
using Gatho.Client.Connection;

namespace Gatho.Client.Transport;

/// <summary>
/// The default transport: <see cref="ClientWebSocket"/>. On .NET 9 and later it also detects dead connections (a
/// stalled or blackholed path that never delivers a close) with WebSocket ping/pong and
/// <see cref="KeepAliveTimeout"/>; older runtimes only send unsolicited pongs, so there a dead path is noticed by the
/// v2 ack deadline (<see cref="AckPolicy.RoomAckTimeout"/>) while the client sends, and otherwise when the operating
/// system gives up on the TCP connection.
/// </summary>
public sealed class WebSocketTransport : IClientTransport
{
    /// <summary>How often to ping the room (zero disables keep-alive). Default 5 s.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the pong before declaring the connection dead (.NET 9+). Default 5 s.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Called on every new <see cref="ClientWebSocket"/> before it connects (headers, proxy, certificates…).</summary>
    public Action<ClientWebSocketOptions>? Configure { get; init; }

    /// <inheritdoc />
    public IClientSocket CreateSocket()
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = KeepAliveInterval;
#if NET9_0_OR_GREATER
        if (KeepAliveInterval > TimeSpan.Zero)
        {
            socket.Options.KeepAliveTimeout = KeepAliveTimeout;
        }
#endif
        Configure?.Invoke(socket.Options);
        return new ClientWebSocketAdapter(socket);
    }

    /// <summary>The header in which a Gatho room names why it refused an upgrade.</summary>
    public const string RefusalHeader = "X-Gatho-Refusal";

    private sealed class ClientWebSocketAdapter : IClientSocket
    {
        private readonly ClientWebSocket socket;

        public ClientWebSocketAdapter(ClientWebSocket socket)
        {
            this.socket = socket;
        }

        public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
        {
#if NET7_0_OR_GREATER
            // Keeps the status and headers of a refused upgrade: the room names why (expired seat, room full…) in a header.
            socket.Options.CollectHttpResponseDetails = true;
#endif
            try
            {
                await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                throw ConnectFailures.Describe(error, uri, HttpStatus(), RoomReason()) ?? throw new RoomConnectException(ConnectFailureKind.Network, ConnectFailures.Endpoint(uri), null, null, error);
            }
        }

        private int? HttpStatus()
        {
#if NET7_0_OR_GREATER
            return socket.HttpStatusCode is var status && (int)status is >= 100 and not 101 ? (int)status : null;
#else
            return null;
#endif
        }

        private string? RoomReason()
        {
#if NET7_0_OR_GREATER
            if (socket.HttpResponseHeaders is { } headers)
            {
                foreach (var header in headers)
                {
                    if (string.Equals(header.Key, RefusalHeader, StringComparison.OrdinalIgnoreCase))
                    {
                        return string.Join(", ", header.Value);
                    }
                }
            }
#endif
            return null;
        }

        public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
            socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);

        public async ValueTask<SocketReceiveResult> ReceiveAsync(MessageBuffer destination, int maxMessageBytes, CancellationToken cancellationToken)
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(destination.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // 1005 "no status received" when the peer's close frame carried no code, as browsers report it.
                    var code = socket.CloseStatus is { } status ? (int)status : 1005;
                    return new SocketReceiveResult(SocketMessageKind.Close, code, socket.CloseStatusDescription ?? string.Empty);
                }

                destination.Advance(result.Count);
                if (destination.Length > maxMessageBytes)
                {
                    throw new MessageTooLargeException(maxMessageBytes);
                }

                if (result.EndOfMessage)
                {
                    return new SocketReceiveResult(result.MessageType == WebSocketMessageType.Binary ? SocketMessageKind.Binary : SocketMessageKind.Text);
                }
            }
        }

        public Task CloseOutputAsync(int code, string reason, CancellationToken cancellationToken) =>
            socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cancellationToken);

        public void Abort() => socket.Abort();

        public void Dispose() => socket.Dispose();
    }
}
