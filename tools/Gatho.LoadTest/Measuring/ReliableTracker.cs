namespace Gatho.LoadTest.Measuring;

/// <summary>
/// What one receiver got of each sender's numbered stream (sequence numbers from 1, one stream per sender), recorded
/// into the run's <see cref="RunMeter"/>: first receipts, duplicates and messages that overtook an earlier one. Used by
/// one receiver at a time (a client raises its deliveries one at a time).
/// </summary>
public sealed class ReliableTracker
{
    private readonly int[] last;
    private readonly RunMeter meter;

    /// <summary>A tracker for <paramref name="senders"/> streams (senders numbered from 0).</summary>
    public ReliableTracker(int senders, RunMeter meter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(senders);
        last = new int[senders];
        this.meter = meter ?? throw new ArgumentNullException(nameof(meter));
    }

    /// <summary>Messages received once, by this receiver.</summary>
    public long Unique { get; private set; }

    /// <summary>Records message <paramref name="seq"/> of <paramref name="sender"/>; false when it was a duplicate (or no stream of ours).</summary>
    public bool Receive(int sender, int seq)
    {
        if ((uint)sender >= (uint)last.Length)
        {
            meter.Error($"message from unknown sender {sender}");
            return false;
        }

        var previous = last[sender];
        if (seq <= previous)
        {
            meter.Reliable(first: false, inOrder: true);
            return false;
        }

        last[sender] = seq;
        Unique++;
        meter.Reliable(first: true, inOrder: seq == previous + 1);
        return true;
    }
}
