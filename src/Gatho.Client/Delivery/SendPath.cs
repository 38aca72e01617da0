using Gatho.Client.Connection;

namespace Gatho.Client.Delivery;

/// <summary>
/// The client's sending side across connection attempts: the reliable frames it holds (<see cref="OutboundBuffer"/>:
/// v1 while not open, v2 until the room acknowledges them), the live attempt new frames go to, and the v2 wait for the
/// room's ack that tells a dead path from a quiet one.
/// </summary>
/// <remarks>
/// One lock, this type's own: <c>Send</c> from any app thread, the room's <c>ack</c> (one per 32 frames or per second),
/// and the open and close transitions take it. The receive path of user frames never does: it only stamps
/// <see cref="RoomIsSending"/>, a volatile write.
/// </remarks>
internal sealed class SendPath
{
    private readonly object gate = new();
    private readonly OutboundBuffer held;
    private readonly bool lossless;
    private readonly TimeProvider time;
    private ConnectionAttempt? live;
    private volatile bool accepting = true;
    private volatile bool hasLive;

    // Timestamp since which the client has been waiting for an ack of a frame it wrote on the live attempt; null while
    // nothing written is unacknowledged or nothing is live. Under the lock.
    private long? awaitingRoomAckSince;
    private volatile bool awaitingRoomAck;

    // The last time a user frame arrived from the room while an ack was awaited; written by the receive loop, lock-free.
    private long roomSentAt;

    public SendPath(long maxBufferedBytes, bool lossless, TimeProvider time)
    {
        held = new OutboundBuffer(maxBufferedBytes);
        this.lossless = lossless;
        this.time = time;
    }

    /// <summary>How a <see cref="Submit"/> went.</summary>
    public enum Outcome
    {
        /// <summary>Written to the live attempt or held for the next one.</summary>
        Accepted,

        /// <summary>Not sent: closed, closing, or unreliable while nothing is live.</summary>
        Dropped,

        /// <summary>Over the buffer's byte limit: the send path is closed; the client must close with buffer-overflow.</summary>
        Overflow,
    }

    /// <summary>False once the client closes or leaves: every send is dropped.</summary>
    public bool IsAccepting => accepting;

    /// <summary>An attempt is open and takes frames now.</summary>
    public bool HasLive => hasLive;

    /// <summary>Wire bytes held.</summary>
    public long Bytes
    {
        get
        {
            lock (gate)
            {
                return held.Bytes;
            }
        }
    }

    /// <summary>Reliable frames written again on a resume (diagnostics for tests and measurements).</summary>
    public long ResentFrames { get; private set; }

    /// <summary>Sends or holds <paramref name="frame"/>, taking over the caller's reference to it.</summary>
    public Outcome Submit(OutboundFrame frame, bool reliable)
    {
        lock (gate)
        {
            if (!accepting)
            {
                frame.Release();
                return Outcome.Dropped;
            }

            if (!reliable || (!lossless && live is not null))
            {
                // Unreliable frames are never held; v1 keeps nothing once written (exactly gatho's "reliable").
                if (live is null)
                {
                    frame.Release();
                    return Outcome.Dropped;
                }

                live.Enqueue(frame);
                return Outcome.Accepted;
            }

            if (!held.Add(frame))
            {
                accepting = false;
                return Outcome.Overflow;
            }

            if (live is not null)
            {
                frame.AddReference();
                live.Enqueue(frame);
                awaitingRoomAckSince ??= time.GetTimestamp();
                awaitingRoomAck = true;
            }

            return Outcome.Accepted;
        }
    }

    /// <summary>
    /// The room's session is established on <paramref name="attempt"/>: writes every held frame to it, oldest first (v1
    /// forgets them), then <paramref name="ackAfterReplay"/> (v2: the ack of what the room replayed), then makes it live,
    /// so nothing sent from now on overtakes what was held.
    /// </summary>
    public void Open(ConnectionAttempt attempt, bool resuming, uint? ackAfterReplay)
    {
        lock (gate)
        {
            foreach (var frame in held)
            {
                ResentFrames += resuming ? 1 : 0;
                frame.AddReference();
                attempt.Enqueue(frame);
            }

            if (!lossless)
            {
                held.Clear();
            }

            if (ackAfterReplay is { } seq)
            {
                attempt.EnqueueAck(seq);
            }

            live = attempt;
            hasLive = true;
            RestartRoomAckWait();
        }
    }

    /// <summary>
    /// A client restored from a persisted session (v2): the room processed <paramref name="roomProcessed"/> frames of
    /// the session before this process existed, so frames held here are numbered after them. Before the session opens.
    /// </summary>
    public void ContinueNumberingAfter(uint roomProcessed)
    {
        lock (gate)
        {
            held.ContinueAfter(roomProcessed);
        }
    }

    /// <summary><paramref name="attempt"/> is gone (dropped, or the client closes): nothing is written to it any more.</summary>
    public void Detach(ConnectionAttempt attempt)
    {
        lock (gate)
        {
            if (live == attempt)
            {
                live = null;
                hasLive = false;
                awaitingRoomAckSince = null;
                awaitingRoomAck = false;
            }
        }
    }

    /// <summary>The app leaves: nothing more is accepted; the live attempt stays for the close handshake.</summary>
    public void StopAccepting() => accepting = false;

    /// <summary>The client closed for good: drops everything held.</summary>
    public void Close()
    {
        lock (gate)
        {
            accepting = false;
            live = null;
            hasLive = false;
            awaitingRoomAckSince = null;
            awaitingRoomAck = false;
            held.Clear();
        }
    }

    /// <summary>v2: the room processed every frame up to <paramref name="seq"/>. Returns an error text when the ack cannot be honoured.</summary>
    public string? Acknowledge(uint seq)
    {
        lock (gate)
        {
            var problem = held.Acknowledge(seq);
            if (problem is null)
            {
                RestartRoomAckWait();
            }

            return problem;
        }
    }

    /// <summary>
    /// A user frame arrived from the room on the live attempt: the path works, even if the room's ack is still queued
    /// behind the data it is sending (a client far behind in reading). Lock-free: called per received frame.
    /// </summary>
    public void RoomIsSending()
    {
        if (awaitingRoomAck)
        {
            Volatile.Write(ref roomSentAt, time.GetTimestamp());
        }
    }

    /// <summary>The live attempt, if it should get the periodic ack (it is open).</summary>
    public ConnectionAttempt? Live
    {
        get
        {
            lock (gate)
            {
                return live;
            }
        }
    }

    /// <summary>
    /// On the ack tick: the live attempt when the room has acknowledged nothing, and sent nothing, for
    /// <paramref name="timeout"/> while frames written to it wait (the caller aborts it); otherwise null.
    /// </summary>
    public ConnectionAttempt? TakeStalled(TimeSpan timeout)
    {
        lock (gate)
        {
            if (timeout == Timeout.InfiniteTimeSpan || live is null || awaitingRoomAckSince is not { } since)
            {
                return null;
            }

            var lastSign = Math.Max(since, Volatile.Read(ref roomSentAt));
            if (time.GetElapsedTime(lastSign) < timeout)
            {
                return null;
            }

            awaitingRoomAckSince = null;
            awaitingRoomAck = false;
            return live;
        }
    }

    /// <summary>An ack arrived or the attempt opened: wait afresh for what is still held, or for nothing. Under the lock.</summary>
    private void RestartRoomAckWait()
    {
        awaitingRoomAckSince = live is not null && held.Count > 0 ? time.GetTimestamp() : null;
        awaitingRoomAck = awaitingRoomAckSince is not null;
    }
}
