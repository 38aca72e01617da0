using System.Buffers;
using System.Net.WebSockets;
using Gatho.Protocol.Closing;
using Gatho.Room.Runtime;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Transport;

/// <summary>
/// A client WebSocket: one reader loop assembling messages (bounded by the size limit) and handing them to the room,
/// one writer loop draining a byte-bounded <see cref="OutboundQueue"/>, so the room thread never waits on the network.
/// Nothing is read before the room admits the socket; reading pauses while too many of this socket's messages wait for
/// the room (their handlers have not completed), which is backpressure instead of unbounded memory (DESIGN D12).
/// </summary>
internal sealed class WebSocketConnection : IClientConnection
{
    // After a close is queued, how long flushing what is queued and the handshake may take before the socket is aborted
    // (a slow reader must still be able to read what was queued before the close, and the close itself).
    private static readonly TimeSpan CloseDrainTimeout = TimeSpan.FromSeconds(10);

    // One batch (one write to the connection) carries at most this much: a large backlog goes out in bounded writes.
    private const int MaxBatchFrames = 256;
    private const long MaxBatchBytes = 64 * 1024;

    // A read buffer is rented only while a message is arriving (after a zero-byte read saw data), so an idle socket
    // holds none; this is its first size, doubled as a message needs, up to the message limit.
    private const int InitialReadBuffer = 4 * 1024;

    private readonly WebSocket socket;
    private readonly RoomRuntime runtime;
    private readonly int maxMessageBytes;
    private readonly ILogger logger;
    private readonly SemaphoreSlim inboundSlots;
    private readonly OutboundQueue outbound;
    private readonly ConnectionLimits.ConnectionSlot slot;
    private readonly CoalescingStream? coalescer;
    private volatile bool closing;

    // true: admitted, read and decode; false: refused or closing before admission, read only to see the close.
    private readonly TaskCompletionSource<bool> admission = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebSocketConnection(WebSocket socket, RoomRuntime runtime, int protocolVersion, string description, RoomOptions options, ConnectionLimits.ConnectionSlot slot, ILogger logger, CoalescingStream? coalescer = null)
    {
        this.coalescer = coalescer;
        this.socket = socket;
        this.runtime = runtime;
        ProtocolVersion = protocolVersion;
        Description = description;
        maxMessageBytes = options.MaxMessageBytes;
        this.slot = slot;
        this.logger = logger;
        inboundSlots = new SemaphoreSlim(options.MaxPendingInboundMessages, options.MaxPendingInboundMessages);
        outbound = new OutboundQueue(options.MaxOutboundBytes, options.MaxUnreliableOutboundBytes);
    }

    public int ProtocolVersion { get; }

    public string Description { get; }

    public long BufferedAmount => outbound.Bytes;

    public bool IsClosed => outbound.IsCompleted;

    public RoomClient? Client { get; set; }

    public SendOutcome Send(byte[] frame, OutboundKind kind = OutboundKind.Reliable) => outbound.Enqueue(frame, kind);

    public void Admit()
    {
        slot.Admitted();
        admission.TrySetResult(true);
    }

    public void Close(int code, string reason)
    {
        if (outbound.Complete(code, reason, discardQueued: code == CloseCodes.TooSlow))
        {
            // Whatever the peer sends from now on is only read to see its close, never decoded.
            closing = true;
            admission.TrySetResult(false);
            _ = AbortIfNotClosedAsync();
        }
    }

    public void Abort()
    {
        outbound.Abandon();
        admission.TrySetResult(false);
        socket.Abort();
    }

    public void MessageProcessed() => inboundSlots.Release();

    /// <summary>Runs the socket until it is closed; the room hears every message, then the close.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            var writer = WriteLoopAsync();
            var code = await ReadLoopAsync(stopping).ConfigureAwait(false);
            runtime.EnqueueClosed(this, code);

            // A close frame from the client must be answered, unless we are already closing.
            Close(code is CloseCodes.Abnormal or 1005 ? CloseCodes.Normal : code, string.Empty);
            await writer.ConfigureAwait(false);
            socket.Dispose();
        }
        finally
        {
            slot.Release();
        }
    }

    private async Task<int> ReadLoopAsync(CancellationToken stopping)
    {
        byte[]? buffer = null;
        var length = 0;
        try
        {
            var discarding = !await admission.Task.WaitAsync(stopping).ConfigureAwait(false);
            while (true)
            {
                if (buffer is null)
                {
                    // Between messages: wait for data without holding a buffer (the zero-byte read Kestrel and SignalR use),
                    // so 10,000 idle clients hold no read buffers.
                    var peek = await socket.ReceiveAsync(Memory<byte>.Empty, stopping).ConfigureAwait(false);
                    if (peek.MessageType == WebSocketMessageType.Close)
                    {
                        return (int?)socket.CloseStatus ?? 1005;
                    }

                    if (peek.EndOfMessage)
                    {
                        // A message with no payload was read whole by the zero-byte read itself.
                        if (!discarding && !closing)
                        {
                            discarding = await ReportAsync(
                                peek.MessageType == WebSocketMessageType.Text
                                    ? InboundMessage.Violate("text (opcode 0x1) WebSocket frame: every Gatho message is a binary frame", 0)
                                    : InboundMessage.Decode(ReadOnlySpan<byte>.Empty, ProtocolVersion),
                                stopping).ConfigureAwait(false);
                        }

                        continue;
                    }

                    buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxMessageBytes + 1, InitialReadBuffer));
                }
                else if (length == buffer.Length)
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

                if (discarding || closing)
                {
                    // Refused, unadmitted or already in violation: drain to the close without keeping or decoding anything.
                    ReleaseAtMessageEnd(ref buffer, ref length, result.EndOfMessage);
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    // Every Gatho message is a binary frame (docs/protocol.md); gatho's own clients never send text.
                    discarding = await ReportAsync(InboundMessage.Violate("text (opcode 0x1) WebSocket frame: every Gatho message is a binary frame", result.Count), stopping).ConfigureAwait(false);
                    ReleaseAtMessageEnd(ref buffer, ref length, result.EndOfMessage);
                    continue;
                }

                length += result.Count;
                if (length > maxMessageBytes)
                {
                    // Stop collecting; keep reading (and dropping) until the peer answers our close.
                    discarding = await ReportAsync(InboundMessage.TooBig(length, maxMessageBytes), stopping).ConfigureAwait(false);
                    length = 0;
                    ReleaseAtMessageEnd(ref buffer, ref length, result.EndOfMessage);
                    continue;
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                var message = InboundMessage.Decode(buffer.AsSpan(0, length), ProtocolVersion);
                length = 0;
                ReleaseAtMessageEnd(ref buffer, ref length, endOfMessage: true);
                discarding = await ReportAsync(message, stopping).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            logger.LogDebug("socket {Remote} ended: {Error}", Description, e.Message);
            return CloseCodes.Abnormal;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // The message is over (decoded, which copied what the room keeps, or dropped): the buffer goes back until data
    // arrives again, and the next message starts at 0 (a message cut short by a close or a violation included).
    private static void ReleaseAtMessageEnd(ref byte[]? buffer, ref int length, bool endOfMessage)
    {
        if (endOfMessage && buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
            length = 0;
        }
    }

    /// <summary>Hands a message to the room once a slot is free; true when it was a violation (discard from now on).</summary>
    private async ValueTask<bool> ReportAsync(InboundMessage message, CancellationToken stopping)
    {
        await inboundSlots.WaitAsync(stopping).ConfigureAwait(false);
        runtime.EnqueueReceived(this, message);
        return message.Violation is not null;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<byte[]>();
        try
        {
            while (true)
            {
                batch.Clear();
                var (ended, close) = await outbound.TakeBatchAsync(batch, MaxBatchFrames, MaxBatchBytes).ConfigureAwait(false);
                if (!ended)
                {
                    await WriteBatchAsync(batch).ConfigureAwait(false);
                    continue;
                }

                if (close is { } item && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    // A slow reader may need a while to take the close frame (its socket buffers are full): the
                    // drain deadline (AbortIfNotClosedAsync) bounds it, not a shorter timeout of its own.
                    using var timeout = new CancellationTokenSource(CloseDrainTimeout);
                    await socket.CloseOutputAsync((WebSocketCloseStatus)item.Code, item.Reason, timeout.Token).ConfigureAwait(false);
                }

                // The peer's answering close ends the read loop; AbortIfNotClosedAsync bounds the wait for it.
                return;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            logger.LogDebug("socket {Remote} write failed: {Error}", Description, e.Message);
            outbound.Abandon();
            socket.Abort();
        }
    }

    /// <summary>
    /// Writes the frames taken together: framed by the WebSocket one by one into the coalescing stream, then one write
    /// and one flush to the connection. A single frame goes straight through (no copy).
    /// </summary>
    private async ValueTask WriteBatchAsync(List<byte[]> batch)
    {
        if (batch.Count == 1 || coalescer is null)
        {
            foreach (var frame in batch)
            {
                await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            }

            return;
        }

        coalescer.BeginBatch();
        foreach (var frame in batch)
        {
            // Completes at once: the coalescing stream only copies while a batch is open.
            await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }

        await coalescer.EndBatchAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// A closing socket whose peer reads nothing would keep its writer (and this connection) forever: past a deadline
    /// for flushing what is queued and the close handshake, it is aborted.
    /// </summary>
    private async Task AbortIfNotClosedAsync()
    {
        await Task.Delay(CloseDrainTimeout).ConfigureAwait(false);
        if (socket.State != WebSocketState.Closed && socket.State != WebSocketState.Aborted)
        {
            logger.LogDebug("socket {Remote} did not finish closing within {Timeout}; aborting", Description, CloseDrainTimeout);
            outbound.Abandon();
            socket.Abort();
        }
    }

}
