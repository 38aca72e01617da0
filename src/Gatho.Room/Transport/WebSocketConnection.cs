using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Gatho.Protocol.Closing;
using Gatho.Room.Runtime;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Transport;

/// <summary>
/// A client WebSocket: one reader loop assembling messages (bounded by the size limit) and handing them to the room,
/// one writer loop draining a queue of frames, so the room thread never waits on the network. Reading pauses while too
/// many of this socket's messages wait for the room thread (backpressure instead of unbounded memory).
/// </summary>
internal sealed class WebSocketConnection : IClientConnection
{
    // After we send a close frame, how long the peer has to answer before the socket is aborted.
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private readonly WebSocket socket;
    private readonly RoomRuntime runtime;
    private readonly int maxMessageBytes;
    private readonly ILogger logger;
    private readonly SemaphoreSlim inboundSlots;
    private readonly Channel<Outgoing> outbound = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private long buffered;
    private int closing;

    public WebSocketConnection(WebSocket socket, RoomRuntime runtime, int protocolVersion, string description, int maxMessageBytes, int maxPendingInbound, ILogger logger)
    {
        this.socket = socket;
        this.runtime = runtime;
        ProtocolVersion = protocolVersion;
        Description = description;
        this.maxMessageBytes = maxMessageBytes;
        this.logger = logger;
        inboundSlots = new SemaphoreSlim(maxPendingInbound, maxPendingInbound);
    }

    public int ProtocolVersion { get; }

    public string Description { get; }

    public long BufferedAmount => Interlocked.Read(ref buffered);

    public bool IsClosed => Volatile.Read(ref closing) != 0;

    public RoomClient? Client { get; set; }

    public void Send(byte[] frame)
    {
        if (IsClosed)
        {
            return;
        }

        Interlocked.Add(ref buffered, frame.Length);
        if (!outbound.Writer.TryWrite(new Outgoing(frame, 0, null)))
        {
            Interlocked.Add(ref buffered, -frame.Length);
        }
    }

    public void Close(int code, string reason)
    {
        if (Interlocked.Exchange(ref closing, 1) == 0)
        {
            outbound.Writer.TryWrite(new Outgoing(null, code, reason));
            outbound.Writer.TryComplete();
        }
    }

    public void Abort()
    {
        Interlocked.Exchange(ref closing, 1);
        outbound.Writer.TryComplete();
        socket.Abort();
    }

    public void MessageProcessed() => inboundSlots.Release();

    /// <summary>Runs the socket until it is closed; the room hears every message, then the close.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var writer = WriteLoopAsync();
        var code = await ReadLoopAsync(stopping).ConfigureAwait(false);
        runtime.EnqueueClosed(this, code);

        // A close frame from the client must be answered, unless we are already closing.
        Close(code is CloseCodes.Abnormal or 1005 ? CloseCodes.Normal : code, string.Empty);
        await writer.ConfigureAwait(false);
        socket.Dispose();
    }

    private async Task<int> ReadLoopAsync(CancellationToken stopping)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxMessageBytes, 16 * 1024) + 1);
        var length = 0;
        var discarding = false;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxMessageBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(length), stopping).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (int?)socket.CloseStatus ?? 1005;
                }

                length += result.Count;
                if (discarding)
                {
                    length = 0;
                    continue;
                }

                if (length > maxMessageBytes)
                {
                    // Stop collecting; keep reading (and dropping) until the peer answers our close.
                    discarding = true;
                    await inboundSlots.WaitAsync(stopping).ConfigureAwait(false);
                    runtime.EnqueueReceived(this, InboundMessage.TooBig(length, maxMessageBytes));
                    length = 0;
                    continue;
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                var message = InboundMessage.Decode(buffer.AsSpan(0, length), ProtocolVersion);
                length = 0;
                await inboundSlots.WaitAsync(stopping).ConfigureAwait(false);
                runtime.EnqueueReceived(this, message);
                if (message.Violation is not null)
                {
                    discarding = true;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            logger.LogDebug("socket {Remote} ended: {Error}", Description, e.Message);
            return CloseCodes.Abnormal;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var item in outbound.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (item.Frame is { } frame)
                {
                    await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                    Interlocked.Add(ref buffered, -frame.Length);
                    continue;
                }

                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
                    await socket.CloseOutputAsync((WebSocketCloseStatus)item.Code, item.Reason, timeout.Token).ConfigureAwait(false);
                }

                _ = AbortIfPeerSilentAsync();
                return;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            logger.LogDebug("socket {Remote} write failed: {Error}", Description, e.Message);
            socket.Abort();
        }
    }

    private async Task AbortIfPeerSilentAsync()
    {
        await Task.Delay(CloseHandshakeTimeout).ConfigureAwait(false);
        if (socket.State != WebSocketState.Closed)
        {
            socket.Abort();
        }
    }

    private readonly record struct Outgoing(byte[]? Frame, int Code, string? Reason);
}
