using System.Collections.Concurrent;
using Gatho.Client.Delivery;
using Gatho.Client.Transport;
using Gatho.Protocol.Closing;

namespace Gatho.Client.Connection;

/// <summary>
/// One socket the client dials: the first connect or one resume attempt. It runs a receive loop (which reports frames
/// and the final close to its owner) and a writer loop (the only caller of SendAsync, so frames go out in the order
/// they were queued). A socket is never reused: a resume is a new attempt.
/// </summary>
internal sealed class SocketAttempt
{
    private readonly IClientSocket socket;
    private readonly IAttemptOwner owner;
    private readonly int maxMessageBytes;
    private readonly TimeProvider time;
    private readonly ConcurrentQueue<OutboundItem> queue = new();
    private readonly SemaphoreSlim queued = new(0);
    private readonly CancellationTokenSource stop = new();
    private string? abortReason;
    private int finished;
    private ITimer? shutdownTimer;

    public SocketAttempt(IClientSocket socket, IAttemptOwner owner, int maxMessageBytes, TimeProvider time)
    {
        this.socket = socket;
        this.owner = owner;
        this.maxMessageBytes = maxMessageBytes;
        this.time = time;
    }

    /// <summary>The upgrade completed (the room may still refuse the seat or session).</summary>
    public bool IsConnected { get; private set; }

    /// <summary>Starts dialling on a pool thread, so no owner callback ever runs inside the owner's lock.</summary>
    public void Start(Uri uri) => _ = Task.Run(() => RunAsync(uri));

    /// <summary>Queues <paramref name="frame"/> for sending; the attempt takes over one reference to it.</summary>
    public void Enqueue(OutboundFrame frame)
    {
        queue.Enqueue(new OutboundItem(frame, 0, null));
        queued.Release();
        if (Volatile.Read(ref finished) != 0)
        {
            ReleaseQueued();
        }
    }

    /// <summary>Queues a close handshake after everything queued so far; the room's close then ends the receive loop.</summary>
    public void EnqueueClose(int code, string reason)
    {
        queue.Enqueue(new OutboundItem(null, code, reason));
        queued.Release();
    }

    /// <summary>Closes politely (close frame after queued frames) and aborts if the room has not closed within <paramref name="timeout"/>.</summary>
    public void Shutdown(int code, string reason, TimeSpan timeout)
    {
        EnqueueClose(code, reason);
        shutdownTimer = time.CreateTimer(static state => ((SocketAttempt)state!).Abort("close timed out"), this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Tears the socket down now; the owner hears <c>OnClosed(1006, reason)</c> unless it already let go.</summary>
    public void Abort(string reason)
    {
        Interlocked.CompareExchange(ref abortReason, reason, null);
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }

        socket.Abort();
    }

    private async Task RunAsync(Uri uri)
    {
        try
        {
            await socket.ConnectAsync(uri, stop.Token).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // A custom transport's raw exception is classified here as WebSocketTransport's is (refused, DNS, HTTP…).
            Finish(CloseCodes.Abnormal, string.Empty, ConnectFailures.Describe(error, uri) ?? error);
            return;
        }

        IsConnected = true;
        _ = Task.Run(WriteLoopAsync);
        using var buffer = new MessageBuffer();
        try
        {
            while (true)
            {
                buffer.Clear();
                var result = await socket.ReceiveAsync(buffer, maxMessageBytes, stop.Token).ConfigureAwait(false);
                switch (result.Kind)
                {
                    case SocketMessageKind.Close:
                        Finish(result.CloseCode, result.CloseReason, null);
                        return;
                    case SocketMessageKind.Binary:
                        owner.OnFrame(this, buffer.Span);
                        break;
                    default:
                        // gatho's client ignores text-opcode messages: every Gatho frame is binary.
                        break;
                }
            }
        }
        catch (MessageTooLargeException error)
        {
            owner.OnViolation(this, CloseCodes.MessageTooBig, CloseReasons.MessageTooBig, error);
            Finish(CloseCodes.MessageTooBig, CloseReasons.MessageTooBig, null);
        }
        catch (Exception error)
        {
            Finish(CloseCodes.Abnormal, string.Empty, error);
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                await queued.WaitAsync(stop.Token).ConfigureAwait(false);
                if (!queue.TryDequeue(out var item))
                {
                    continue;
                }

                if (item.Frame is { } frame)
                {
                    try
                    {
                        await socket.SendAsync(frame.Memory, stop.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        frame.Release();
                    }
                }
                else
                {
                    await socket.CloseOutputAsync(item.CloseCode, item.CloseReason!, stop.Token).ConfigureAwait(false);
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
            Abort("send failed");
        }
    }

    private void Finish(int code, string reason, Exception? error)
    {
        if (Interlocked.Exchange(ref finished, 1) != 0)
        {
            return;
        }

        shutdownTimer?.Dispose();
        var aborted = Volatile.Read(ref abortReason);
        if (aborted is not null && code == CloseCodes.Abnormal)
        {
            // Our own abort: report why, not the cancellation exception it caused.
            owner.OnClosed(this, code, aborted, null);
        }
        else
        {
            owner.OnClosed(this, code, reason, error);
        }

        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        socket.Dispose();
        ReleaseQueued();
    }

    private void ReleaseQueued()
    {
        while (queue.TryDequeue(out var item))
        {
            item.Frame?.Release();
        }
    }

    private readonly record struct OutboundItem(OutboundFrame? Frame, int CloseCode, string? CloseReason);
}
