namespace Gatho.Room.Dispatch;

/// <summary>
/// A timer on the room's <see cref="TimeProvider"/> whose callback runs on the room thread. Disposing it on the room
/// thread guarantees the callback does not run afterwards, even if a tick was already queued. A repeating timer never
/// has more than one tick queued or running: ticks that come due meanwhile are skipped, not queued, so a callback that
/// overruns its period delays itself, never everything behind it (issue 17, defect 6). A one-shot timer leaves its
/// <see cref="RoomTimers"/> when it fires or is disposed (defect 1).
/// </summary>
internal sealed class RoomTimer : IDisposable
{
    private readonly RoomTimers owner;
    private readonly RoomDispatcher dispatcher;
    private readonly Action callback;
    private readonly Action<Exception> onError;
    private readonly bool repeating;
    private readonly ITimer timer;
    private volatile bool disposed;
    private int queued;

    public RoomTimer(RoomTimers owner, RoomDispatcher dispatcher, TimeProvider time, TimeSpan due, TimeSpan? period, Action callback, Action<Exception> onError)
    {
        if (due < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(due), due, "delay must not be negative");
        }

        if (period is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), p, "interval must be positive");
        }

        this.owner = owner;
        this.dispatcher = dispatcher;
        this.callback = callback ?? throw new ArgumentNullException(nameof(callback));
        this.onError = onError;
        repeating = period is not null;
        owner.Add(this);
        timer = time.CreateTimer(static s => ((RoomTimer)s!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(due, period ?? Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        disposed = true;
        timer.Dispose();
        owner.Remove(this);
    }

    private void Tick()
    {
        // Coalesce: while a tick waits for (or runs on) the room thread, later ones are dropped.
        if (disposed || Interlocked.CompareExchange(ref queued, 1, 0) != 0)
        {
            return;
        }

        dispatcher.Post(static s => ((RoomTimer)s!).Fire(), this);
    }

    private void Fire()
    {
        try
        {
            if (disposed)
            {
                return;
            }

            if (!repeating)
            {
                Dispose();
            }

            callback();
        }
        catch (Exception e)
        {
            onError(e);
        }
        finally
        {
            Volatile.Write(ref queued, 0);
        }
    }
}
