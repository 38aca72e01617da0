using Gatho.LoadTest.Measuring;
using Gatho.LoadTest.Reporting;
using Gatho.LoadTest.Scenarios;
using Gatho.LoadTest.Targets;

namespace Gatho.LoadTest;

/// <summary>Runs a scenario against a target (warm-up runs, then measured runs) and reports what it measured.</summary>
public static class LoadRunner
{
    /// <summary>
    /// Runs <paramref name="scenario"/> against <paramref name="target"/>: <see cref="LoadOptions.Warmup"/> unreported
    /// runs, then <see cref="LoadOptions.Runs"/> measured ones, each with fresh connections.
    /// <paramref name="progress"/> is called about once a second while a run is going.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public static async Task<TargetReport> RunAsync(LoadTarget target, LoadScenario scenario, LoadOptions options, Action<ProgressSnapshot>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var runs = new List<RunResult>();
        var total = options.Warmup + options.Runs;
        for (var i = 0; i < total; i++)
        {
            var label = i < options.Warmup ? $"warm-up {i + 1}/{options.Warmup}" : $"run {i - options.Warmup + 1}/{options.Runs}";
            var meter = new RunMeter(options.Timeout + options.Ramp + options.Hold + TimeSpan.FromMinutes(1));
            var run = new ScenarioRun(target, options, meter);
            using (new ProgressTicker(target, scenario, label, run, progress))
            {
                await scenario.RunAsync(run, cancellationToken).ConfigureAwait(false);
            }

            if (i >= options.Warmup)
            {
                runs.Add(Result(run));
            }
        }

        return new TargetReport(target.Name, target.Description, ClientName(target, options), runs, Summarize(runs));
    }

    /// <summary>Room figures as ratios to the baseline's.</summary>
    public static IReadOnlyList<ComparisonRow> Compare(TargetReport room, TargetReport baseline)
    {
        var rows = new List<ComparisonRow>();
        void Add(string figure, double? a, double? b, bool higherIsBetter)
        {
            if (a is { } x && b is { } y && y > 0)
            {
                rows.Add(new ComparisonRow(figure, x, y, x / y, higherIsBetter));
            }
        }

        Add("deliveries/s", room.Median.DeliveriesPerSecond, baseline.Median.DeliveriesPerSecond, true);
        Add("server CPU per delivery, µs", room.Median.CpuMicrosPerDelivery, baseline.Median.CpuMicrosPerDelivery, false);
        Add("latency p50, µs", room.Median.P50Micros, baseline.Median.P50Micros, false);
        Add("latency p99, µs", room.Median.P99Micros, baseline.Median.P99Micros, false);
        Add("server memory per client, KiB", room.Median.KibPerClient, baseline.Median.KibPerClient, false);
        return rows;
    }

    private static string ClientName(LoadTarget target, LoadOptions options) =>
        target.IsBaseline ? "signalr (messagepack)" : options.Client == LoadClientKind.Raw ? "raw websocket v1" : $"gatho v{options.ProtocolVersion}";

    private static RunResult Result(ScenarioRun run)
    {
        var meter = run.Meter;
        var seconds = run.Window.TotalSeconds;
        ServerFigures? server = null;
        if (run.Before is { } before && run.After is { } after && run.Target.ProcessId is { } pid)
        {
            var cpu = after.CpuSeconds - before.CpuSeconds;
            server = new ServerFigures(
                pid,
                cpu,
                seconds > 0 ? cpu / seconds * 100 : 0,
                meter.Deliveries > 0 ? cpu * 1e6 / meter.Deliveries : 0,
                before.RssKib,
                after.RssKib,
                after.PeakRssKib,
                (after.RssKib - before.RssKib) / (double)run.Options.Clients,
                after.CpuSeconds,
                meter.Deliveries > 0 ? (after.ContextSwitches - before.ContextSwitches) / (double)meter.Deliveries : 0);
        }

        return new RunResult(
            seconds,
            run.Options.Clients,
            meter.Sent,
            meter.Deliveries,
            seconds > 0 ? meter.Deliveries / seconds : 0,
            meter.Expected,
            meter.Lost,
            meter.Duplicated,
            meter.OutOfOrder,
            meter.Reconnects,
            meter.Joins,
            meter.Leaves,
            meter.Cuts,
            meter.ErrorCount,
            meter.Errors.ToArray(),
            meter.Latency.Summarize(),
            meter.Throughput.Points(meter.Clock.Elapsed),
            server,
            run.ClientCpu.TotalSeconds);
    }

    private static RunSummary Summarize(IReadOnlyList<RunResult> runs)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var withServer = runs.Where(r => r.Server is not null).ToArray();
        return new RunSummary(
            Median(runs.Select(r => r.DeliveriesPerSecond)),
            Median(runs.Select(r => r.Latency.P50)),
            Median(runs.Select(r => r.Latency.P99)),
            withServer.Length == 0 ? null : Median(withServer.Select(r => r.Server!.CpuMicrosPerDelivery)),
            withServer.Length == 0 ? null : Median(withServer.Select(r => r.Server!.KibPerClient)),
            runs.Sum(r => r.Lost),
            runs.Sum(r => r.Duplicated),
            runs.Sum(r => r.Reconnects),
            runs.Sum(r => r.ErrorCount));
    }
}
