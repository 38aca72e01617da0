namespace Gatho.Room.Dispatch;

/// <summary>
/// The room's live timers (room code's <c>Schedule</c>, heartbeats, acks, reconnection windows), bounded by
/// <see cref="RoomOptions.MaxTimers"/>, all disposed when the room stops. Timers remove themselves when disposed or,
/// one-shot, when they fire. Thread-safe.
/// </summary>
internal sealed class RoomTimers
{
    private readonly HashSet<RoomTimer> live = new(ReferenceEqualityComparer.Instance);
    private readonly int max;

    public RoomTimers(int max)
    {
        this.max = max;
    }

    /// <summary>Timers live now.</summary>
    public int Count
    {
        get
        {
            lock (live)
            {
                return live.Count;
            }
        }
    }

    /// <exception cref="InvalidOperationException">The room already has <see cref="RoomOptions.MaxTimers"/> timers.</exception>
    public void Add(RoomTimer timer)
    {
        lock (live)
        {
            if (live.Count >= max)
            {
                throw new InvalidOperationException($"the room has {live.Count} live timers, the limit (RoomOptions.MaxTimers = {max}); dispose timers it no longer needs");
            }

            live.Add(timer);
        }
    }

    public void Remove(RoomTimer timer)
    {
        lock (live)
        {
            live.Remove(timer);
        }
    }

    /// <summary>Disposes every live timer (room stop).</summary>
    public void DisposeAll()
    {
        RoomTimer[] all;
        lock (live)
        {
            all = live.ToArray();
        }

        foreach (var timer in all)
        {
            timer.Dispose();
        }
    }
}
