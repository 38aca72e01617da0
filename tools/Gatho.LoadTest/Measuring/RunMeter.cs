using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gatho.LoadTest.Measuring;

/// <summary>
/// The counters of one run, shared by all its clients: thread-safe, no lock per delivery. Scenarios (built-in and
/// user) record here; the runner turns it into a <see cref="Reporting.RunResult"/>.
/// </summary>
public sealed class RunMeter
{
    private const int MaxErrors = 20;
    private readonly ConcurrentQueue<string> errors = new();
    private long deliveries;
    private long sent;
    private long expected;
    private long unique;
    private long duplicated;
    private long outOfOrder;
    private long reconnects;
    private long joins;
    private long leaves;
    private long cuts;
    private long errorCount;
    private int connected;

    internal RunMeter(TimeSpan span)
    {
        Throughput = new ThroughputSeries(TimeSpan.FromMilliseconds(100), span);
        Clock = Stopwatch.StartNew();
    }

    /// <summary>Latency of each delivery (round trip for echo, send → receive for a broadcast).</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Deliveries over time.</summary>
    public ThroughputSeries Throughput { get; }

    /// <summary>Time since the run started.</summary>
    public Stopwatch Clock { get; }

    /// <summary>Messages clients received that the scenario counts.</summary>
    public long Deliveries => Interlocked.Read(ref deliveries);

    /// <summary>Messages clients sent.</summary>
    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Reliable messages the scenario expects to be received, in all.</summary>
    public long Expected => Interlocked.Read(ref expected);

    /// <summary>Reliable messages received once (the first time).</summary>
    public long Unique => Interlocked.Read(ref unique);

    /// <summary>Reliable messages received again.</summary>
    public long Duplicated => Interlocked.Read(ref duplicated);

    /// <summary>Reliable messages that overtook an earlier one of the same sender.</summary>
    public long OutOfOrder => Interlocked.Read(ref outOfOrder);

    /// <summary>Expected reliable messages never received.</summary>
    public long Lost => Math.Max(0, Expected - Unique);

    /// <summary>Resumes after a dropped socket.</summary>
    public long Reconnects => Interlocked.Read(ref reconnects);

    /// <summary>Sessions opened (first connections).</summary>
    public long Joins => Interlocked.Read(ref joins);

    /// <summary>Sessions ended by the client leaving.</summary>
    public long Leaves => Interlocked.Read(ref leaves);

    /// <summary>Sockets the scenario cut on purpose.</summary>
    public long Cuts => Interlocked.Read(ref cuts);

    /// <summary>Clients connected now.</summary>
    public int Connected => Volatile.Read(ref connected);

    /// <summary>Errors seen (connect failures, unexpected closes, timeouts).</summary>
    public long ErrorCount => Interlocked.Read(ref errorCount);

    /// <summary>The first few errors' messages.</summary>
    public IReadOnlyCollection<string> Errors => errors;

    /// <summary>One delivery with its latency in <see cref="Stopwatch"/> ticks.</summary>
    public void Delivered(long latencyTicks)
    {
        Interlocked.Increment(ref deliveries);
        Latency.RecordTicks(latencyTicks);
        Throughput.Add();
    }

    /// <summary>One delivery the scenario does not time.</summary>
    public void Delivered()
    {
        Interlocked.Increment(ref deliveries);
        Throughput.Add();
    }

    /// <summary>Messages sent.</summary>
    public void Sending(long n = 1) => Interlocked.Add(ref sent, n);

    /// <summary>The scenario expects <paramref name="n"/> more reliable messages to be received.</summary>
    public void Expect(long n) => Interlocked.Add(ref expected, n);

    /// <summary>Records the outcome of one reliable receipt (see <see cref="ReliableTracker"/>).</summary>
    internal void Reliable(bool first, bool inOrder)
    {
        Interlocked.Increment(ref first ? ref unique : ref duplicated);
        if (!inOrder)
        {
            Interlocked.Increment(ref outOfOrder);
        }
    }

    /// <summary>A client resumed after a drop.</summary>
    public void Reconnected() => Interlocked.Increment(ref reconnects);

    /// <summary>A client joined (is connected now).</summary>
    public void Joined()
    {
        Interlocked.Increment(ref joins);
        Interlocked.Increment(ref connected);
    }

    /// <summary>A connected client left or was closed.</summary>
    public void Left(bool consented)
    {
        if (consented)
        {
            Interlocked.Increment(ref leaves);
        }

        Interlocked.Decrement(ref connected);
    }

    /// <summary>The scenario cut a socket.</summary>
    public void Cut() => Interlocked.Increment(ref cuts);

    /// <summary>Records an error (the first few messages are kept for the report).</summary>
    public void Error(string message)
    {
        if (Interlocked.Increment(ref errorCount) <= MaxErrors)
        {
            errors.Enqueue(message);
        }
    }
}
