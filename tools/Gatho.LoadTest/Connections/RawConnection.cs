using System.Net.WebSockets;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Urls;

namespace Gatho.LoadTest.Connections;

/// <summary>
/// A load client that is a bare <see cref="ClientWebSocket"/> speaking protocol v1 (type byte + payload, no acks, no
/// resume): about the least a client can cost, so a run with it is bound by the room, not the client.
/// </summary>
internal sealed class RawConnection : ILoadConnection
{
    private readonly ClientWebSocket socket = new();
    private readonly string seatUrl;
    private readonly CancellationTokenSource stopping = new();
    private byte[] sendBuffer = new byte[256];
    private Task? reader;

    public RawConnection(int index, string seatUrl)
    {
        Index = index;
        this.seatUrl = seatUrl;
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    public int Index { get; }

    public DeliveryHandler? OnDelivery { get; set; }

    public long Reconnects => 0;

    public bool IsConnected => socket.State == WebSocketState.Open;

    public bool CanCut => false;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await socket.ConnectAsync(new Uri(SeatUrl.ForConnect(seatUrl, 1)), cancellationToken).ConfigureAwait(false);
        reader = ReadAsync();
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (sendBuffer.Length < message.Length + 1)
        {
            sendBuffer = new byte[message.Length + 1];
        }

        sendBuffer[0] = (byte)FrameType.Binary;
        message.Span.CopyTo(sendBuffer.AsSpan(1));
        await socket.SendAsync(sendBuffer.AsMemory(0, message.Length + 1), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
    }

    public void Cut() => throw new NotSupportedException("a raw v1 connection does not resume; cut a Gatho client instead");

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)4000, "consented leave", cancellationToken).ConfigureAwait(false);
        }

        if (reader is not null)
        {
            await reader.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        socket.Abort();
        if (reader is not null)
        {
            await reader.ConfigureAwait(false);
        }

        socket.Dispose();
        stopping.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(length), stopping.Token).ConfigureAwait(false);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (length > 0 && (FrameType)buffer[0] == FrameType.Binary)
                {
                    OnDelivery?.Invoke(buffer.AsSpan(1, length - 1));
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted or disposed: the run is over for this connection.
        }
    }
}
