using System.Globalization;

namespace Gatho.LoadTest.Reporting;

/// <summary>The report as text: per target a line per run and the medians; then the ratios to the baseline.</summary>
internal static class ConsoleReport
{
    public static void Write(TextWriter output, LoadReport report)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"scenario {report.Scenario}: {report.Options.Clients} clients, {report.Options.Messages} messages of {report.Options.MessageBytes} B, {report.Machine}");
        foreach (var target in report.Targets)
        {
            output.WriteLine($"{target.Target} ({target.Client}), {target.Description}:");
            for (var i = 0; i < target.Runs.Count; i++)
            {
                var r = target.Runs[i];
                var server = r.Server is { } s
                    ? string.Create(c, $", server CPU {s.CpuSeconds:F2} s ({s.CpuPercent:F0} %) = {s.CpuMicrosPerDelivery:F2} µs/delivery ({s.CpuSecondsSinceStart:F2} s since it started, {s.ContextSwitchesPerDelivery:F2} context switches/delivery), RSS {s.RssBeforeKib / 1024.0:F1} → {s.RssAfterKib / 1024.0:F1} MiB ({s.KibPerClient:F1} KiB/client)")
                    : ", server not measured";
                output.WriteLine(
                    string.Create(c, $"  run {i + 1}: {r.Seconds:F2} s, {r.Deliveries:N0} deliveries ({r.DeliveriesPerSecond:N0}/s), lost {r.Lost}, dup {r.Duplicated}, out of order {r.OutOfOrder}, reconnects {r.Reconnects}, joins {r.Joins}, leaves {r.Leaves}, cuts {r.Cuts}, ") +
                    string.Create(c, $"latency p50 {r.Latency.P50:N0} µs p99 {r.Latency.P99:N0} µs max {r.Latency.Max:N0} µs") +
                    server +
                    string.Create(c, $", client CPU {r.ClientCpuSeconds:F2} s ({(r.Seconds > 0 ? r.ClientCpuSeconds / r.Seconds * 100 : 0):F0} %)") +
                    (r.ErrorCount > 0 ? $", {r.ErrorCount} errors" : string.Empty));
                foreach (var error in r.Errors.Take(5))
                {
                    output.WriteLine($"    error: {error}");
                }
            }

            var m = target.Median;
            output.WriteLine(string.Create(c, $"  median: {m.DeliveriesPerSecond:N0} deliveries/s, p50 {m.P50Micros:N0} µs, p99 {m.P99Micros:N0} µs, server CPU {(m.CpuMicrosPerDelivery is { } cpu ? cpu.ToString("F2", c) + " µs/delivery" : "—")}, {(m.KibPerClient is { } kib ? kib.ToString("F1", c) + " KiB/client" : "—")}; lost {m.Lost}, duplicated {m.Duplicated}"));
        }

        if (report.Comparison.Count > 0)
        {
            output.WriteLine("room / SignalR (medians):");
            foreach (var row in report.Comparison)
            {
                output.WriteLine(string.Create(c, $"  {row.Figure,-32} {row.Room,12:N2} {row.Baseline,12:N2}   ratio {row.Ratio:F2} ({(row.HigherIsBetter ? "higher" : "lower")} is better)"));
            }
        }
    }
}
