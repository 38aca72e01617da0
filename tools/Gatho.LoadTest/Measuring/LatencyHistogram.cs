namespace Gatho.LoadTest.Measuring;

/// <summary>
/// Latencies in whole microseconds, in log-linear buckets (exact below 64 µs, then 32 buckets per power of two, so a
/// percentile is within about 3 % of the true value). Thread-safe and allocation-free per sample, so thousands of
/// clients can record into one histogram without a lock or a list that grows with the run.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 64;
    private const int SubBuckets = 32;
    private const int Octaves = 40;
    private readonly long[] counts = new long[Linear + (Octaves * SubBuckets)];
    private long count;
    private long sum;
    private long max;

    /// <summary>Samples recorded.</summary>
    public long Count => Interlocked.Read(ref count);

    /// <summary>Records one latency.</summary>
    public void Record(long microseconds)
    {
        if (microseconds < 0)
        {
            microseconds = 0;
        }

        Interlocked.Increment(ref counts[BucketOf(microseconds)]);
        Interlocked.Increment(ref count);
        Interlocked.Add(ref sum, microseconds);
        long seen;
        while (microseconds > (seen = Interlocked.Read(ref max)) && Interlocked.CompareExchange(ref max, microseconds, seen) != seen)
        {
        }
    }

    /// <summary>Records a latency measured with <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> ticks.</summary>
    public void RecordTicks(long ticks) => Record(ticks * 1_000_000 / System.Diagnostics.Stopwatch.Frequency);

    /// <summary>The value at or below which <paramref name="percent"/> % of the samples lie (the bucket's upper edge).</summary>
    public double Percentile(double percent)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(total * percent / 100.0);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += Interlocked.Read(ref counts[i]);
            if (seen >= Math.Max(rank, 1))
            {
                return Math.Min(UpperEdge(i), Interlocked.Read(ref max));
            }
        }

        return Interlocked.Read(ref max);
    }

    /// <summary>A summary of the samples.</summary>
    public LatencySummary Summarize()
    {
        var total = Count;
        var buckets = new List<HistogramBucket>();
        for (var i = 0; i < counts.Length; i++)
        {
            var n = Interlocked.Read(ref counts[i]);
            if (n > 0)
            {
                buckets.Add(new HistogramBucket(LowerEdge(i), UpperEdge(i), n));
            }
        }

        return new LatencySummary(
            total,
            total == 0 ? 0 : Interlocked.Read(ref sum) / (double)total,
            Percentile(50),
            Percentile(90),
            Percentile(99),
            Percentile(99.9),
            Interlocked.Read(ref max),
            buckets);
    }

    private static int BucketOf(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }

        var octave = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)value); // >= 6
        var sub = (int)((value >> (octave - 5)) & (SubBuckets - 1));
        var index = Linear + ((octave - 6) * SubBuckets) + sub;
        return Math.Min(index, Linear + (Octaves * SubBuckets) - 1);
    }

    private static long LowerEdge(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var octave = ((index - Linear) / SubBuckets) + 6;
        var sub = (index - Linear) % SubBuckets;
        return (1L << octave) + ((long)sub << (octave - 5));
    }

    private static long UpperEdge(int index) => index < Linear ? index : LowerEdge(index + 1) - 1;
}

/// <summary>Latency figures of one run, in microseconds.</summary>
/// <param name="Count">Samples.</param>
/// <param name="Mean">Mean.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">Largest sample.</param>
/// <param name="Buckets">The non-empty histogram buckets, for plotting.</param>
public sealed record LatencySummary(long Count, double Mean, double P50, double P90, double P99, double P999, long Max, IReadOnlyList<HistogramBucket> Buckets);

/// <summary>One histogram bucket: samples between <paramref name="From"/> and <paramref name="To"/> µs inclusive.</summary>
/// <param name="From">Lower edge, µs.</param>
/// <param name="To">Upper edge, µs.</param>
/// <param name="Count">Samples in it.</param>
public sealed record HistogramBucket(long From, long To, long Count);
