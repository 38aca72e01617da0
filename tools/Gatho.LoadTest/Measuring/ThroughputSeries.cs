using System.Diagnostics;

namespace Gatho.LoadTest.Measuring;

/// <summary>
/// Deliveries per fixed interval since the run's start, for the throughput-over-time plot. Lock-free: a delivery adds
/// to the slot of the interval it falls in; slots past the capacity are counted in the last one.
/// </summary>
public sealed class ThroughputSeries
{
    private readonly long[] slots;
    private readonly long start;
    private readonly long ticksPerSlot;

    /// <summary>A series of <paramref name="interval"/> slots covering at least <paramref name="span"/>.</summary>
    public ThroughputSeries(TimeSpan interval, TimeSpan span)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be positive");
        }

        Interval = interval;
        slots = new long[(int)Math.Min(1_000_000, Math.Ceiling(span / interval) + 1)];
        ticksPerSlot = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        start = Stopwatch.GetTimestamp();
    }

    /// <summary>The slot width.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Counts <paramref name="n"/> deliveries now.</summary>
    public void Add(long n = 1)
    {
        var slot = (Stopwatch.GetTimestamp() - start) / ticksPerSlot;
        Interlocked.Add(ref slots[Math.Min(slot, slots.Length - 1)], n);
    }

    /// <summary>Deliveries per second in each slot up to <paramref name="elapsed"/>.</summary>
    public IReadOnlyList<ThroughputPoint> Points(TimeSpan elapsed)
    {
        var last = (int)Math.Min(slots.Length - 1, Math.Ceiling(elapsed / Interval));
        var points = new List<ThroughputPoint>(last);
        for (var i = 0; i < last; i++)
        {
            points.Add(new ThroughputPoint((i + 1) * Interval.TotalSeconds, Interlocked.Read(ref slots[i]) / Interval.TotalSeconds));
        }

        return points;
    }
}

/// <summary>Throughput in the interval ending at <paramref name="Seconds"/> after the start.</summary>
/// <param name="Seconds">End of the interval, seconds since the run started.</param>
/// <param name="PerSecond">Deliveries per second in it.</param>
public sealed record ThroughputPoint(double Seconds, double PerSecond);
