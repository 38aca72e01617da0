using Gatho.LoadTest.Scenarios;
using Gatho.LoadTest.Targets;

namespace Gatho.LoadTest.Reporting;

/// <summary>A run's state at one moment, for the live progress line.</summary>
/// <param name="Target">gatho or signalr.</param>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Run">Which run (warm-up or measured, n of m).</param>
/// <param name="Seconds">Since the run started.</param>
/// <param name="Connected">Clients connected now.</param>
/// <param name="Deliveries">Deliveries so far.</param>
/// <param name="PerSecond">Deliveries per second over the last tick.</param>
/// <param name="Lost">Expected but not (yet) received.</param>
/// <param name="Duplicated">Received twice.</param>
/// <param name="Reconnects">Resumes counted so far (counted when a session ends).</param>
/// <param name="Errors">Errors so far.</param>
/// <param name="ServerCpuPercent">The serving process's CPU over the last tick (100 = one core), when known.</param>
/// <param name="ServerRssKib">Its resident set, when known.</param>
public sealed record ProgressSnapshot(string Target, string Scenario, string Run, double Seconds, int Connected, long Deliveries, double PerSecond, long Lost, long Duplicated, long Reconnects, long Errors, double? ServerCpuPercent, long? ServerRssKib)
{
    /// <summary>One line, for a terminal.</summary>
    public override string ToString() =>
        $"[{Target} {Scenario} {Run}] {Seconds,6:F1} s  clients {Connected,6}  deliveries {Deliveries,10:N0} ({PerSecond / 1000,7:F1}k/s)  pending {Lost:N0}  dup {Duplicated}  errors {Errors}" +
        (ServerCpuPercent is { } cpu ? $"  server cpu {cpu,5:F0} %  rss {ServerRssKib / 1024.0,7:F1} MiB" : string.Empty);
}

/// <summary>Calls the progress callback about once a second while a run goes.</summary>
internal sealed class ProgressTicker : IDisposable
{
    private readonly Timer? timer;
    private long lastDeliveries;
    private double lastSeconds;
    private double? lastCpu;

    public ProgressTicker(LoadTarget target, LoadScenario scenario, string label, ScenarioRun run, Action<ProgressSnapshot>? progress)
    {
        if (progress is null)
        {
            return;
        }

        timer = new Timer(
            _ =>
            {
                var meter = run.Meter;
                var seconds = meter.Clock.Elapsed.TotalSeconds;
                var deliveries = meter.Deliveries;
                var reading = run.ReadProcess();
                var interval = Math.Max(seconds - lastSeconds, 1e-3);
                double? cpu = reading is not null && lastCpu is { } previous ? (reading.CpuSeconds - previous) / interval * 100 : null;
                progress(new ProgressSnapshot(target.Name, scenario.Name, label, seconds, meter.Connected, deliveries, (deliveries - lastDeliveries) / interval, meter.Lost, meter.Duplicated, meter.Reconnects, meter.ErrorCount, cpu, reading?.RssKib));
                lastDeliveries = deliveries;
                lastSeconds = seconds;
                lastCpu = reading?.CpuSeconds;
            },
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));
    }

    public void Dispose() => timer?.Dispose();
}
