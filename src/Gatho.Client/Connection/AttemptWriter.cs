using System.Collections.Concurrent;
using Gatho.Client.Delivery;
using Gatho.Client.Transport;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;

namespace Gatho.Client.Connection;

/// <summary>
/// The send path of one connection attempt: a queue any thread may fill and one writer loop, the only caller of the
/// socket's <c>SendAsync</c>, so frames go out in the order they were queued.
/// </summary>
internal sealed class AttemptWriter
{
    private readonly IClientSocket socket;
    private readonly CancellationToken stop;
    private readonly Action<string> abort;
    private readonly ConcurrentQueue<Item> queue = new();
    private readonly SemaphoreSlim queued = new(0);
    private int finished;

    // Writer loop only: acks are cumulative, so one queued before a larger one is not written after it.
    private long lastAckWritten = -1;

    public AttemptWriter(IClientSocket socket, Action<string> abort, CancellationToken stop)
    {
        this.socket = socket;
        this.abort = abort;
        this.stop = stop;
    }

    /// <summary>Queues <paramref name="frame"/>; the writer takes over one reference to it.</summary>
    public void Enqueue(OutboundFrame frame) => Add(new Item(frame, ItemKind.Frame, 0, null));

    /// <summary>Queues <c>ack{seq}</c> (v2), encoded when it is written.</summary>
    public void EnqueueAck(uint seq) => Add(new Item(null, ItemKind.Ack, seq, null));

    /// <summary>Queues a close handshake after everything queued so far.</summary>
    public void EnqueueClose(int code, string reason) => Add(new Item(null, ItemKind.Close, code, reason));

    /// <summary>Starts the writer loop once the socket is connected.</summary>
    public void Start() => _ = Task.Run(WriteLoopAsync);

    /// <summary>The attempt is over: frames still queued, or queued from now on, are let go.</summary>
    public void Finish()
    {
        Volatile.Write(ref finished, 1);
        ReleaseQueued();
    }

    private void Add(Item item)
    {
        queue.Enqueue(item);
        queued.Release();
        if (Volatile.Read(ref finished) != 0)
        {
            ReleaseQueued();
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                await queued.WaitAsync(stop).ConfigureAwait(false);
                if (!queue.TryDequeue(out var item))
                {
                    continue;
                }

                switch (item.Kind)
                {
                    case ItemKind.Frame:
                        try
                        {
                            await socket.SendAsync(item.Frame!.Memory, stop).ConfigureAwait(false);
                        }
                        finally
                        {
                            item.Frame!.Release();
                        }

                        break;
                    case ItemKind.Ack when item.Value > lastAckWritten:
                        lastAckWritten = item.Value;
                        await socket.SendAsync(ProtocolMessageCodec.EncodeFrame(new AckMessage((uint)item.Value)), stop).ConfigureAwait(false);
                        break;
                    case ItemKind.Ack:
                        break;
                    default:
                        await socket.CloseOutputAsync((int)item.Value, item.CloseReason!, stop).ConfigureAwait(false);
                        return;
                }
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Aborted: the receive loop reports the close.
        }
        catch (Exception)
        {
            // A failed write means a dead socket; aborting makes the receive loop report it as a drop.
            abort("send failed");
        }
    }

    private void ReleaseQueued()
    {
        while (queue.TryDequeue(out var item))
        {
            item.Frame?.Release();
        }
    }

    private enum ItemKind
    {
        Frame,
        Ack,
        Close,
    }

    private readonly record struct Item(OutboundFrame? Frame, ItemKind Kind, long Value, string? CloseReason);
}
