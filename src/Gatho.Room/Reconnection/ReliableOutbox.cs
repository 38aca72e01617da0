namespace Gatho.Room.Reconnection;

/// <summary>
/// The reliable frames a room keeps for one client, oldest first, with their byte total.
/// <list type="bullet">
/// <item>Protocol v2: every reliable frame sent, numbered implicitly from 1, kept until the client acknowledges it;
/// on resume the frames after the client's <c>ack</c> are replayed.</item>
/// <item>Protocol v1 (gatho): only frames sent while the client was dropped; flushed on reconnect.</item>
/// </list>
/// Frames are stored by reference: a broadcast frame is one array shared by every client's outbox.
/// </summary>
internal sealed class ReliableOutbox
{
    private readonly Queue<byte[]> frames = new();
    private uint firstSeq = 1;

    /// <summary>Sequence number the next appended frame gets.</summary>
    public uint NextSeq { get; private set; } = 1;

    /// <summary>Highest sequence number appended so far (0 before the first).</summary>
    public uint LastSeq => NextSeq - 1;

    /// <summary>Bytes held (frame type byte included, as gatho counts).</summary>
    public long Bytes { get; private set; }

    /// <summary>Frames held.</summary>
    public int Count => frames.Count;

    /// <summary>Keeps <paramref name="frame"/>; returns its sequence number.</summary>
    public uint Append(byte[] frame)
    {
        frames.Enqueue(frame);
        Bytes += frame.Length;
        return NextSeq++;
    }

    /// <summary>
    /// Forgets frames up to and including <paramref name="seq"/>. Returns false, changing nothing, when the peer
    /// acknowledges a frame that was never sent.
    /// </summary>
    public bool Acknowledge(uint seq)
    {
        if (seq > LastSeq)
        {
            return false;
        }

        while (frames.Count > 0 && firstSeq <= seq)
        {
            Bytes -= frames.Dequeue().Length;
            firstSeq++;
        }

        return true;
    }

    /// <summary>
    /// Prepares a v2 resume from a client that processed up to <paramref name="ack"/>: drops what it has, keeps what
    /// must be replayed. False when the resume point is not in the buffer any more (frames after it were dropped
    /// on an earlier acknowledgement) or lies beyond what was sent — replaying would lose or invent messages.
    /// </summary>
    public bool TryResumeFrom(uint ack)
    {
        if (ack > LastSeq || ack + 1 < firstSeq)
        {
            return false;
        }

        return Acknowledge(ack);
    }

    /// <summary>
    /// Prepares a v2 resume from a client process that restarted from a persisted session (issue 12): it knows nothing
    /// of the old process's count, so every frame kept (all the client has not acknowledged) is replayed, numbered
    /// again from 1 as the new process counts them.
    /// </summary>
    public void RestartNumbering()
    {
        firstSeq = 1;
        NextSeq = (uint)frames.Count + 1;
    }

    /// <summary>The frames held, oldest first.</summary>
    public IEnumerable<byte[]> Frames => frames;

    /// <summary>Empties the outbox (v1 flush, eviction). Sequence numbering continues.</summary>
    public void Clear()
    {
        firstSeq += (uint)frames.Count;
        frames.Clear();
        Bytes = 0;
    }
}
