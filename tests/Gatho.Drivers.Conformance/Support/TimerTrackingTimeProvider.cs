namespace Gatho.Drivers.Conformance.Support;

/// <summary>A time provider that delegates to another and counts the timers that were created and not yet disposed.</summary>
public sealed class TimerTrackingTimeProvider(TimeProvider inner) : TimeProvider
{
    private int live;

    public int LiveTimers => Volatile.Read(ref live);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref live);
        return new TrackedTimer(this, inner.CreateTimer(callback, state, dueTime, period));
    }

    private sealed class TrackedTimer(TimerTrackingTimeProvider owner, ITimer timer) : ITimer
    {
        private int disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

        public void Dispose()
        {
            Release();
            timer.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Release();
            return timer.DisposeAsync();
        }

        private void Release()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner.live);
            }
        }
    }
}
