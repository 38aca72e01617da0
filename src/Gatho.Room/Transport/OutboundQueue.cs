namespace Gatho.Room.Transport;

/// <summary>How a frame queued for a socket may be treated when the socket falls behind (DESIGN D12).</summary>
internal enum OutboundKind
{
    /// <summary>Must arrive, in order (reliable user frames, <c>session</c>, <c>auth_error</c>): over the hard cap the client is evicted.</summary>
    Reliable,

    /// <summary>May be dropped: not queued once the socket's backlog is over the unreliable limit.</summary>
    Unreliable,

    /// <summary>
    /// A v2 <c>ack</c>: cumulative, so only the newest matters. It jumps ahead of queued data (a client far behind in
    /// reading must still hear that the room reads it) and a newer ack replaces one not yet written.
    /// </summary>
    Ack,
}

/// <summary>What happened to a frame handed to a socket.</summary>
internal enum SendOutcome
{
    /// <summary>Queued (or replaced an older queued ack).</summary>
    Queued,

    /// <summary>An unreliable frame dropped because the socket is behind.</summary>
    Dropped,

    /// <summary>A reliable frame that would take the backlog over the hard cap: not queued; the client must go.</summary>
    OverBudget,

    /// <summary>The socket is closing; the frame was ignored.</summary>
    Closed,
}

/// <summary>
/// The frames waiting for one socket's writer, bounded by bytes: reliable frames up to <c>hardCap</c> (one frame of any
/// size is taken when nothing waits, so a large message still goes out), unreliable frames only while less than
/// <c>unreliableLimit</c> bytes wait, and at most one pending ack. Thread-safe; one reader (the socket's writer loop).
/// Frames are kept by reference: a broadcast's one array sits in every socket's queue.
/// </summary>
internal sealed class OutboundQueue
{
    private readonly object gate = new();
    private readonly Queue<byte[]> frames = new();
    // Released only when the writer is waiting (writerWaiting), so a burst of frames costs one wake-up, not one each.
    private readonly SemaphoreSlim ready = new(0);
    private bool writerWaiting;
    private readonly long hardCap;
    private readonly long unreliableLimit;
    private byte[]? pendingAck;
    private (int Code, string Reason)? close;
    private long bytes;
    private bool completed;

    public OutboundQueue(long hardCap, long unreliableLimit)
    {
        this.hardCap = hardCap;
        this.unreliableLimit = unreliableLimit;
    }

    /// <summary>Bytes queued and not yet taken by the writer.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>Unreliable frames dropped so far because the socket was behind.</summary>
    public long DroppedUnreliable { get; private set; }

    /// <summary>True once a close was queued or the queue was completed.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (gate)
            {
                return completed;
            }
        }
    }

    public SendOutcome Enqueue(byte[] frame, OutboundKind kind)
    {
        lock (gate)
        {
            if (completed)
            {
                return SendOutcome.Closed;
            }

            switch (kind)
            {
                case OutboundKind.Ack:
                    var replaced = pendingAck is not null;
                    pendingAck = frame;
                    if (!replaced)
                    {
                        Wake();
                    }

                    return SendOutcome.Queued;
                case OutboundKind.Unreliable when bytes + frame.Length > unreliableLimit:
                    DroppedUnreliable++;
                    return SendOutcome.Dropped;
                case OutboundKind.Reliable when bytes > 0 && bytes + frame.Length > hardCap:
                    return SendOutcome.OverBudget;
            }

            frames.Enqueue(frame);
            Interlocked.Add(ref bytes, frame.Length);
            Wake();
            return SendOutcome.Queued;
        }
    }

    /// <summary>
    /// Queues a close after the frames already queued (or instead of them, with <paramref name="discardQueued"/>: a client
    /// evicted for being too slow would only delay its close reading them). Nothing is accepted afterwards. False when
    /// already closing.
    /// </summary>
    public bool Complete(int code, string reason, bool discardQueued = false)
    {
        lock (gate)
        {
            if (completed)
            {
                return false;
            }

            completed = true;
            close = (code, reason);
            if (discardQueued)
            {
                frames.Clear();
                pendingAck = null;
                Interlocked.Exchange(ref bytes, 0);
            }

            Wake();
            return true;
        }
    }

    /// <summary>Stops at once: queued frames are forgotten and the writer ends without a close frame.</summary>
    public void Abandon()
    {
        lock (gate)
        {
            completed = true;
            close = null;
            frames.Clear();
            pendingAck = null;
            Interlocked.Exchange(ref bytes, 0);
            Wake();
        }
    }

    /// <summary>
    /// The writer's next item: a pending ack first, then frames in order, then the close (Frame null, Close set), or
    /// neither when abandoned. One frame at a time; the socket writer takes batches (<see cref="TakeBatchAsync"/>).
    /// </summary>
    public async ValueTask<(byte[]? Frame, (int Code, string Reason)? Close)> TakeAsync()
    {
        var one = new List<byte[]>(1);
        var (ended, close) = await TakeBatchAsync(one, maxFrames: 1, maxBytes: long.MaxValue).ConfigureAwait(false);
        return ended ? (null, close) : (one[0], null);
    }

    /// <summary>
    /// Waits for work and moves it into <paramref name="batch"/>: the pending ack first, then queued frames in order, up
    /// to <paramref name="maxFrames"/> frames and <paramref name="maxBytes"/> bytes (at least one frame). Ended is true,
    /// with the close to send (null when abandoned), once nothing is queued and the queue is completed.
    /// </summary>
    public async ValueTask<(bool Ended, (int Code, string Reason)? Close)> TakeBatchAsync(List<byte[]> batch, int maxFrames, long maxBytes)
    {
        while (true)
        {
            lock (gate)
            {
                if (pendingAck is { } ack)
                {
                    pendingAck = null;
                    batch.Add(ack);
                }

                long taken = 0;
                while (batch.Count < maxFrames && frames.TryPeek(out var next) && (taken == 0 || taken + next.Length <= maxBytes))
                {
                    frames.Dequeue();
                    taken += next.Length;
                    batch.Add(next);
                }

                if (taken > 0)
                {
                    Interlocked.Add(ref bytes, -taken);
                }

                if (batch.Count > 0)
                {
                    return (false, null);
                }

                if (completed)
                {
                    return (true, close);
                }

                writerWaiting = true;
            }

            await ready.WaitAsync().ConfigureAwait(false);
        }
    }

    // Under the gate.
    private void Wake()
    {
        if (writerWaiting)
        {
            writerWaiting = false;
            ready.Release();
        }
    }
}
