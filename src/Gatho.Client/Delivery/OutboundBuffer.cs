namespace Gatho.Client.Delivery;

/// <summary>
/// Reliable frames the client holds: in v1 those sent while not open (flushed and forgotten on <c>session</c>); in v2
/// every reliable frame from the moment it is sent until the room acknowledges it, numbered from 1 for the whole
/// session. Bounded by wire bytes (gatho counted UTF-16 units ×2; a limit in wire bytes is what the room sees).
/// </summary>
internal sealed class OutboundBuffer
{
    private readonly Queue<OutboundFrame> frames = new();
    private readonly long limit;
    private uint lastSequence;
    private uint acknowledged;

    public OutboundBuffer(long limit)
    {
        this.limit = limit;
    }

    /// <summary>Wire bytes held.</summary>
    public long Bytes { get; private set; }

    public int Count => frames.Count;

    /// <summary>Number of the last reliable frame sent (v2).</summary>
    public uint LastSequence => lastSequence;

    /// <summary>Highest frame number the room acknowledged (v2).</summary>
    public uint Acknowledged => acknowledged;

    /// <summary>Numbers and holds <paramref name="frame"/> (the buffer takes the caller's reference). False when over the limit.</summary>
    public bool Add(OutboundFrame frame)
    {
        frame.Sequence = ++lastSequence;
        frames.Enqueue(frame);
        Bytes += frame.Length;
        return Bytes <= limit;
    }

    /// <summary>
    /// The room processed every frame up to <paramref name="sequence"/>: let them go. Returns an error text when the ack
    /// cannot be honoured: it names a frame never sent, or it goes below an earlier ack (the frames in between were
    /// already let go, so resending them is impossible).
    /// </summary>
    public string? Acknowledge(uint sequence)
    {
        if (sequence > lastSequence)
        {
            return $"the room acknowledged frame {sequence} but the client sent only {lastSequence}";
        }

        if (sequence < acknowledged)
        {
            return $"the room acknowledged frame {sequence} after acknowledging {acknowledged}";
        }

        while (frames.Count > 0 && frames.Peek().Sequence <= sequence)
        {
            var frame = frames.Dequeue();
            Bytes -= frame.Length;
            frame.Release();
        }

        acknowledged = sequence;
        return null;
    }

    /// <summary>
    /// A client restored from a persisted session (v2): the room processed the session's frames up to
    /// <paramref name="sequence"/> before this process existed. Frames held now were never written, so they are
    /// numbered after it, and the room's ack of <paramref name="sequence"/> is not an ack of a frame never sent.
    /// </summary>
    public void ContinueAfter(uint sequence)
    {
        var next = sequence;
        foreach (var frame in frames)
        {
            frame.Sequence = ++next;
        }

        lastSequence = next;
        acknowledged = sequence;
    }

    /// <summary>The held frames, oldest first (to send or resend them in order).</summary>
    public Queue<OutboundFrame>.Enumerator GetEnumerator() => frames.GetEnumerator();

    /// <summary>Lets every held frame go (v1 after a flush; both versions when the client closes).</summary>
    public void Clear()
    {
        while (frames.Count > 0)
        {
            frames.Dequeue().Release();
        }

        Bytes = 0;
    }
}
