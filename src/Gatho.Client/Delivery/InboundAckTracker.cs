namespace Gatho.Client.Delivery;

/// <summary>
/// Protocol v2: counts the room's reliable frames as the client processes them (frame numbers are implicit: the n-th
/// reliable frame processed is number n, across sockets) and decides when to acknowledge them.
/// </summary>
internal sealed class InboundAckTracker
{
    private readonly AckPolicy policy;
    private int framesSinceAck;
    private long bytesSinceAck;

    public InboundAckTracker(AckPolicy policy)
    {
        this.policy = policy;
    }

    /// <summary>Highest reliable room frame processed: what an ack, or a resume URL, reports.</summary>
    public uint Processed { get; private set; }

    /// <summary>Highest number reported to the room so far.</summary>
    public uint Reported { get; private set; }

    /// <summary>True when frames arrived since the last report.</summary>
    public bool HasUnreported => Processed != Reported;

    /// <summary>Counts one reliable frame of <paramref name="wireBytes"/>; true when a threshold says "ack now".</summary>
    /// <exception cref="ClientProtocolException">The session went past 2³²−1 frames, which the wire cannot number.</exception>
    public bool OnReliableFrame(int wireBytes)
    {
        if (Processed == uint.MaxValue)
        {
            throw new ClientProtocolException("the room sent more reliable frames than protocol v2 can number");
        }

        Processed++;
        framesSinceAck++;
        bytesSinceAck += wireBytes;
        return framesSinceAck >= policy.FrameThreshold || bytesSinceAck >= policy.ByteThreshold;
    }

    /// <summary>Marks everything processed as reported (an ack was sent, or a resume URL carries it) and returns it.</summary>
    public uint Report()
    {
        Reported = Processed;
        framesSinceAck = 0;
        bytesSinceAck = 0;
        return Processed;
    }
}
