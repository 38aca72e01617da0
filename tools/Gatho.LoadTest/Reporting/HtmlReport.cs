using System.Globalization;
using System.Net;
using System.Text;

namespace Gatho.LoadTest.Reporting;

/// <summary>
/// A self-contained HTML page (inline CSS and SVG; no script, no CDN) with each target's figures, a latency histogram
/// and a throughput-over-time plot per run, and the ratios to the baseline.
/// </summary>
public static class HtmlReport
{
    private static readonly string[] Colors = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e" };

    /// <summary>The page.</summary>
    public static string Render(LoadReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>gatho-load: ")
            .Append(E(report.Scenario)).Append("</title><style>")
            .Append("body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}")
            .Append("svg{background:#fafafa;border:1px solid #ddd;margin:.5em 1em .5em 0}.bad{color:#b00;font-weight:bold}")
            .Append("</style></head><body>");
        html.Append("<h1>gatho-load: ").Append(E(report.Scenario)).Append("</h1><p>")
            .Append(E(report.StartedAt.ToString("u", CultureInfo.InvariantCulture))).Append(" · ").Append(E(report.Machine))
            .Append("<br/><code>").Append(E(report.CommandLine)).Append("</code></p>");

        if (report.Comparison.Count > 0)
        {
            html.Append("<h2>Room vs baseline (medians)</h2><table><tr><th>figure</th><th>room</th><th>SignalR</th><th>ratio</th></tr>");
            foreach (var row in report.Comparison)
            {
                html.Append("<tr><td>").Append(E(row.Figure)).Append("</td><td>").Append(N(row.Room)).Append("</td><td>").Append(N(row.Baseline))
                    .Append("</td><td>").Append(row.Ratio.ToString("F2", CultureInfo.InvariantCulture)).Append(row.HigherIsBetter ? " (higher is better)" : " (lower is better)").Append("</td></tr>");
            }

            html.Append("</table>");
        }

        foreach (var target in report.Targets)
        {
            html.Append("<h2>").Append(E(target.Target)).Append(": ").Append(E(target.Description)).Append(" (").Append(E(target.Client)).Append(")</h2>");
            html.Append("<table><tr><th>run</th><th>s</th><th>clients</th><th>sent</th><th>deliveries</th><th>deliveries/s</th><th>lost</th><th>dup</th><th>reconnects</th><th>p50 µs</th><th>p99 µs</th><th>max µs</th><th>server CPU µs/delivery</th><th>server RSS after MiB</th><th>KiB/client</th><th>errors</th></tr>");
            for (var i = 0; i < target.Runs.Count; i++)
            {
                var r = target.Runs[i];
                html.Append("<tr><td>").Append(i + 1).Append("</td><td>").Append(r.Seconds.ToString("F2", CultureInfo.InvariantCulture)).Append("</td><td>").Append(r.Clients)
                    .Append("</td><td>").Append(N(r.Sent)).Append("</td><td>").Append(N(r.Deliveries)).Append("</td><td>").Append(N(r.DeliveriesPerSecond))
                    .Append("</td><td").Append(r.Lost > 0 ? " class=\"bad\"" : string.Empty).Append('>').Append(r.Lost)
                    .Append("</td><td").Append(r.Duplicated > 0 ? " class=\"bad\"" : string.Empty).Append('>').Append(r.Duplicated)
                    .Append("</td><td>").Append(r.Reconnects).Append("</td><td>").Append(N(r.Latency.P50)).Append("</td><td>").Append(N(r.Latency.P99)).Append("</td><td>").Append(N(r.Latency.Max))
                    .Append("</td><td>").Append(r.Server is { } s ? s.CpuMicrosPerDelivery.ToString("F2", CultureInfo.InvariantCulture) : "—")
                    .Append("</td><td>").Append(r.Server is { } m ? (m.RssAfterKib / 1024.0).ToString("F1", CultureInfo.InvariantCulture) : "—")
                    .Append("</td><td>").Append(r.Server is { } k ? k.KibPerClient.ToString("F1", CultureInfo.InvariantCulture) : "—")
                    .Append("</td><td>").Append(r.ErrorCount).Append("</td></tr>");
            }

            html.Append("</table>");
            foreach (var error in target.Runs.SelectMany(r => r.Errors).Distinct().Take(10))
            {
                html.Append("<p class=\"bad\">").Append(E(error)).Append("</p>");
            }

            html.Append(Histogram(target)).Append(Throughput(target));
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Histogram(TargetReport target)
    {
        const int W = 520, H = 240, L = 50, B = 30;
        var buckets = target.Runs.SelectMany(r => r.Latency.Buckets).ToArray();
        var svg = new StringBuilder($"<svg width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\"><title>latency histogram</title>");
        svg.Append($"<text x=\"{L}\" y=\"14\">latency histogram (µs, log scale), share of samples per run</text>");
        if (buckets.Length > 0)
        {
            var min = Math.Log10(Math.Max(1, buckets.Min(b => b.From)));
            var max = Math.Log10(Math.Max(10, buckets.Max(b => b.To) + 1));
            max = Math.Max(max, min + 1);
            double X(double v) => L + ((Math.Log10(Math.Max(1, v)) - min) / (max - min) * (W - L - 10));
            var top = target.Runs.Max(r => r.Latency.Count == 0 ? 0 : r.Latency.Buckets.Max(b => b.Count) / (double)r.Latency.Count);
            for (var i = 0; i < target.Runs.Count; i++)
            {
                var run = target.Runs[i];
                foreach (var b in run.Latency.Buckets)
                {
                    var share = b.Count / (double)run.Latency.Count;
                    var h = share / top * (H - B - 25);
                    var x = X(b.From);
                    var w = Math.Max(1, X(b.To + 1) - x);
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:F1}\" y=\"{H - B - h:F1}\" width=\"{w:F1}\" height=\"{h:F1}\" fill=\"{Colors[i % Colors.Length]}\" fill-opacity=\"0.5\"/>");
                }
            }

            for (var decade = Math.Ceiling(min); decade <= max; decade++)
            {
                var x = X(Math.Pow(10, decade));
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:F1}\" y1=\"{H - B}\" x2=\"{x:F1}\" y2=\"{H - B + 4}\" stroke=\"#333\"/><text x=\"{x:F1}\" y=\"{H - 10}\" text-anchor=\"middle\">{N(Math.Pow(10, decade))}</text>");
            }
        }

        svg.Append($"<line x1=\"{L}\" y1=\"{H - B}\" x2=\"{W - 10}\" y2=\"{H - B}\" stroke=\"#333\"/>");
        return svg.Append("</svg>").ToString();
    }

    private static string Throughput(TargetReport target)
    {
        const int W = 520, H = 240, L = 60, B = 30;
        var svg = new StringBuilder($"<svg width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\"><title>throughput over time</title>");
        svg.Append($"<text x=\"{L}\" y=\"14\">deliveries/s over time (s), one line per run</text>");
        var points = target.Runs.SelectMany(r => r.Throughput).ToArray();
        if (points.Length > 0)
        {
            var maxX = Math.Max(0.1, points.Max(p => p.Seconds));
            var maxY = Math.Max(1, points.Max(p => p.PerSecond));
            double X(double s) => L + (s / maxX * (W - L - 10));
            double Y(double v) => H - B - (v / maxY * (H - B - 25));
            for (var i = 0; i < target.Runs.Count; i++)
            {
                var line = string.Join(' ', target.Runs[i].Throughput.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Seconds):F1},{Y(p.PerSecond):F1}")));
                svg.Append($"<polyline fill=\"none\" stroke=\"{Colors[i % Colors.Length]}\" stroke-width=\"1.5\" points=\"{line}\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{L - 4}\" y=\"{Y(maxY) + 4:F1}\" text-anchor=\"end\">{N(maxY)}</text><text x=\"{L - 4}\" y=\"{H - B}\" text-anchor=\"end\">0</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{W - 10}\" y=\"{H - 10}\" text-anchor=\"end\">{maxX:F1} s</text>");
        }

        svg.Append($"<line x1=\"{L}\" y1=\"{H - B}\" x2=\"{W - 10}\" y2=\"{H - B}\" stroke=\"#333\"/><line x1=\"{L}\" y1=\"20\" x2=\"{L}\" y2=\"{H - B}\" stroke=\"#333\"/>");
        return svg.Append("</svg>").ToString();
    }

    private static string N(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
