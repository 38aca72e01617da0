namespace Gatho.Client.Delivery;

/// <summary>
/// Protocol v2, every <see cref="AckPolicy.Interval"/> from the first open until the client closes: acknowledges what
/// arrived since the last ack, and takes a live connection on which the room has acknowledged nothing for
/// <see cref="AckPolicy.RoomAckTimeout"/> for dead (checked on this tick, so the deadline is kept to within one
/// interval). It takes no lock of the reconnect loop's: the send path knows what is live.
/// </summary>
internal sealed class AckTicker : IDisposable
{
    private readonly ClientParts parts;
    private ITimer? timer;

    public AckTicker(ClientParts parts)
    {
        this.parts = parts;
    }

    /// <summary>Starts ticking, once (the phase is kept across resumes). Called under the reconnect loop's lock.</summary>
    public void Start()
    {
        if (timer is null)
        {
            var interval = parts.Options.Acks.Interval;
            timer = parts.Time.CreateTimer(static s => ((AckTicker)s!).Tick(), this, interval, interval);
        }
    }

    /// <summary>Stops for good. Called under the reconnect loop's lock.</summary>
    public void Dispose()
    {
        timer?.Dispose();
        timer = null;
    }

    private void Tick()
    {
        if (parts.Send.Live is { } live && parts.Inbound.HasUnreported)
        {
            live.EnqueueAck(parts.Inbound.Report());
        }

        var timeout = parts.Options.Acks.RoomAckTimeout;
        if (parts.Send.TakeStalled(timeout) is { } stalled)
        {
            // An abort is reported like any broken socket: a drop (1006) and a resume that resends what is held.
            stalled.Abort($"the room acknowledged nothing for {timeout.TotalSeconds:0.###} s");
        }
    }
}
