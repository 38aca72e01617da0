namespace Gatho.Room.Dispatch;

/// <summary>
/// A timer whose callback runs on the room thread. Disposing it on the room thread guarantees the callback does not
/// run afterwards, even if a tick was already queued.
/// </summary>
internal sealed class RoomTimer : IDisposable
{
    private readonly RoomDispatcher dispatcher;
    private readonly Action callback;
    private readonly Action<Exception> onError;
    private readonly bool repeating;
    private readonly Timer timer;
    private volatile bool disposed;

    public RoomTimer(RoomDispatcher dispatcher, TimeSpan due, TimeSpan? period, Action callback, Action<Exception> onError)
    {
        if (due < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(due), due, "delay must not be negative");
        }

        if (period is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), p, "interval must be positive");
        }

        this.dispatcher = dispatcher;
        this.callback = callback ?? throw new ArgumentNullException(nameof(callback));
        this.onError = onError;
        repeating = period is not null;
        timer = new Timer(static s => ((RoomTimer)s!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(due, period ?? Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        disposed = true;
        timer.Dispose();
    }

    private void Tick() => dispatcher.Post(static s => ((RoomTimer)s!).Fire(), this);

    private void Fire()
    {
        if (disposed)
        {
            return;
        }

        if (!repeating)
        {
            Dispose();
        }

        try
        {
            callback();
        }
        catch (Exception e)
        {
            onError(e);
        }
    }
}
