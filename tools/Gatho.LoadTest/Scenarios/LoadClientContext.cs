using Gatho.LoadTest.Connections;
using Gatho.LoadTest.Measuring;

namespace Gatho.LoadTest.Scenarios;

/// <summary>
/// What a user scenario's client gets: its index, fresh seats on the target, connections of the run's kind, and the
/// run's meter to record deliveries, latencies and reliable streams. For a typed client, pass
/// <see cref="NewSeatAsync"/>'s URL to its constructor and record what its callbacks see.
/// </summary>
public sealed class LoadClientContext
{
    private readonly ScenarioRun run;

    internal LoadClientContext(ScenarioRun run, int index)
    {
        this.run = run;
        Index = index;
    }

    /// <summary>This client's index (0-based).</summary>
    public int Index { get; }

    /// <summary>Clients in the run.</summary>
    public int Clients => run.Options.Clients;

    /// <summary>The run's options.</summary>
    public LoadOptions Options => run.Options;

    /// <summary>The run's counters: record deliveries (<see cref="RunMeter.Delivered(long)"/> with a latency), sends, expectations.</summary>
    public RunMeter Meter => run.Meter;

    /// <summary>A fresh single-use seat URL (or the hub URL) for this client.</summary>
    public Task<string> NewSeatAsync(CancellationToken cancellationToken) => run.Target.NewSeatAsync(Index, cancellationToken);

    /// <summary>A connected client of the run's kind (counted as joined); leave with <see cref="LeaveAsync"/>.</summary>
    public Task<ILoadConnection> ConnectAsync(DeliveryHandler? onDelivery, CancellationToken cancellationToken) =>
        run.ConnectAsync(Index, onDelivery, cancellationToken);

    /// <summary>Leaves and disposes <paramref name="connection"/>, counting its reconnects.</summary>
    public Task LeaveAsync(ILoadConnection connection) => run.CloseAsync(connection);

    /// <summary>A tracker of numbered reliable streams from <paramref name="senders"/> senders, recording into the meter.</summary>
    public ReliableTracker NewTracker(int senders) => new(senders, run.Meter);
}
