using Xunit;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;

namespace Gatho.TestSupport;

/// <summary>What a raw client saw: a frame, or the close.</summary>
public abstract record WireEvent;

public sealed record WireFrame(FrameType Type, byte[] Payload) : WireEvent
{
    public string Text => Encoding.UTF8.GetString(Payload);

    public ProtocolMessage Protocol => ProtocolMessageCodec.Decode(Payload);
}

public sealed record WireClosed(int? Code, string? Reason) : WireEvent;

/// <summary>
/// A plain <see cref="ClientWebSocket"/> speaking Gatho frames by hand, the way gatho's JavaScript client does on the
/// wire. Tests use it to see exactly what the room sends.
/// </summary>
public sealed class WireClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly ClientWebSocket socket;
    private readonly Channel<WireEvent> events = Channel.CreateUnbounded<WireEvent>();
    private readonly Task reader;

    private WireClient(ClientWebSocket socket)
    {
        this.socket = socket;
        reader = Task.Run(ReadAsync);
    }

    public WebSocketState State => socket.State;

    public static async Task<WireClient> ConnectAsync(string url)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(new Uri(url), timeout.Token);
        return new WireClient(socket);
    }

    /// <summary>Connects expecting the upgrade to be refused; returns the HTTP status.</summary>
    public static async Task<int> ExpectRefusedAsync(string url)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(Patience);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), timeout.Token));
        return (int)socket.HttpStatusCode;
    }

    public Task SendFrameAsync(byte[] frame) => socket.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None);

    public Task SendTextAsync(string text, bool reliable = true, bool v2 = true) =>
        SendFrameAsync(FrameCodec.EncodeText(FrameTypes.ForUser(true, reliable || !v2), text));

    public Task SendBytesAsync(byte[] data, bool reliable = true, bool v2 = true) =>
        SendFrameAsync(FrameCodec.Encode(FrameTypes.ForUser(false, reliable || !v2), data));

    public Task SendProtocolAsync(ProtocolMessage message) => SendFrameAsync(ProtocolMessageCodec.EncodeFrame(message));

    public Task LeaveAsync() => SendProtocolAsync(LeaveMessage.Instance);

    public async Task CloseAsync(int code, string reason)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
    }

    /// <summary>Kills the TCP connection without a close handshake (the room sees 1006).</summary>
    public void Kill() => socket.Abort();

    public async Task<WireEvent> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await events.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The next event, or null if none arrives within <paramref name="quiet"/> (to check that nothing else came).</summary>
    public async Task<WireEvent?> NextOrNothingAsync(TimeSpan quiet)
    {
        using var timeout = new CancellationTokenSource(quiet);
        try
        {
            return await events.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async Task<WireFrame> FrameAsync()
    {
        var next = await NextAsync();
        return Assert.IsType<WireFrame>(next);
    }

    public async Task<T> ProtocolAsync<T>()
        where T : ProtocolMessage
    {
        var frame = await FrameAsync();
        Assert.Equal(FrameType.Protocol, frame.Type);
        return Assert.IsType<T>(frame.Protocol);
    }

    /// <summary>Skips acks (v2 rooms send them on their own clock) and returns the next other protocol message.</summary>
    public async Task<ProtocolMessage> ProtocolIgnoringAcksAsync()
    {
        while (true)
        {
            var frame = await FrameAsync();
            Assert.Equal(FrameType.Protocol, frame.Type);
            if (frame.Protocol is not AckMessage)
            {
                return frame.Protocol;
            }
        }
    }

    public Task<SessionMessage> SessionAsync() => ProtocolAsync<SessionMessage>();

    public async Task<string> TextAsync()
    {
        while (true)
        {
            var frame = await FrameAsync();
            if (frame.Type == FrameType.Protocol && frame.Protocol is AckMessage)
            {
                continue;
            }

            Assert.True(frame.Type.IsText(), $"expected text, got {frame.Type}");
            return frame.Text;
        }
    }

    public async Task<WireClosed> ClosedAsync()
    {
        while (true)
        {
            var next = await NextAsync();
            if (next is WireClosed closed)
            {
                return closed;
            }

            if (next is WireFrame { Type: FrameType.Protocol } frame && frame.Protocol is AckMessage)
            {
                continue;
            }

            Assert.Fail($"expected the close, got {next}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        socket.Abort();
        await reader;
        socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    events.Writer.TryWrite(new WireClosed((int?)socket.CloseStatus, socket.CloseStatusDescription));
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
                    }

                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var bytes = message.ToArray();
                    message.SetLength(0);
                    events.Writer.TryWrite(bytes.Length == 0 ? new WireFrame((FrameType)0xFF, bytes) : new WireFrame((FrameType)bytes[0], bytes[1..]));
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            events.Writer.TryWrite(new WireClosed(1006, e.Message));
        }
    }
}
