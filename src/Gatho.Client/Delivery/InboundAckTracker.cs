namespace Gatho.Client.Delivery;

/// <summary>
/// Protocol v2: counts the room's reliable frames as the client processes them (frame numbers are implicit: the n-th
/// reliable frame processed is number n, across sockets) and decides when to acknowledge them.
/// </summary>
/// <remarks>
/// Lock-free. <see cref="OnReliableFrame"/> has one writer at a time: the receive loop of the live connection attempt
/// (attempts run one after another, the reconnect loop awaiting each one's end before it starts the next, so their
/// loops never overlap). <see cref="Report"/> may be called from that loop, the ack timer and the reconnect loop; it
/// only ever raises the reported mark, so concurrent reports cannot move it backwards.
/// </remarks>
internal sealed class InboundAckTracker
{
    private readonly AckPolicy policy;

    // uint values held in longs: netstandard2.1 has no Interlocked.CompareExchange for uint.
    private long processed;
    private long processedBytes;
    private long reported;
    private long reportedBytes;
    private long replayed;

    public InboundAckTracker(AckPolicy policy)
    {
        this.policy = policy;
    }

    /// <summary>Highest reliable room frame processed: what an ack, or a resume URL, reports.</summary>
    public uint Processed => (uint)Volatile.Read(ref processed);

    /// <summary>Highest number reported to the room so far.</summary>
    public uint Reported => (uint)Volatile.Read(ref reported);

    /// <summary>True when frames arrived since the last report.</summary>
    public bool HasUnreported => Volatile.Read(ref processed) != Volatile.Read(ref reported);

    /// <summary>Reliable frames processed before their connection's <c>session</c>, i.e. replayed by the room on a resume (diagnostics).</summary>
    public long Replayed => Volatile.Read(ref replayed);

    /// <summary>Counts one reliable frame of <paramref name="wireBytes"/>; true when a threshold says "ack now". Receive loop only.</summary>
    /// <exception cref="ClientProtocolException">The session went past 2³²−1 frames, which the wire cannot number.</exception>
    public bool OnReliableFrame(int wireBytes)
    {
        var count = processed;
        if (count == uint.MaxValue)
        {
            throw new ClientProtocolException("the room sent more reliable frames than protocol v2 can number");
        }

        count++;
        var bytes = processedBytes + wireBytes;
        Volatile.Write(ref processedBytes, bytes);
        Volatile.Write(ref processed, count);
        return count - Volatile.Read(ref reported) >= policy.FrameThreshold || bytes - Volatile.Read(ref reportedBytes) >= policy.ByteThreshold;
    }

    /// <summary>Counts a reliable frame that arrived while resuming, before the session was back. Receive loop only.</summary>
    public void CountReplayed() => Volatile.Write(ref replayed, replayed + 1);

    /// <summary>Marks everything processed as reported (an ack was queued, or a resume URL carries it) and returns it.</summary>
    public uint Report()
    {
        // Bytes first: a frame counted in between is then reported in frames but not in bytes, which only brings the
        // next byte-threshold ack forward; the other order could postpone it.
        RaiseTo(ref reportedBytes, Volatile.Read(ref processedBytes));
        var count = Volatile.Read(ref processed);
        RaiseTo(ref reported, count);
        return (uint)count;
    }

    private static void RaiseTo(ref long mark, long value)
    {
        var seen = Volatile.Read(ref mark);
        while (seen < value)
        {
            var previous = Interlocked.CompareExchange(ref mark, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
