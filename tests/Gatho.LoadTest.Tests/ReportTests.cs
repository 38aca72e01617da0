using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Gatho.LoadTest.Cli;

namespace Gatho.LoadTest.Tests;

/// <summary>The command line end to end: a room and the baseline in one invocation, the JSON and HTML reports.</summary>
[Collection(LoadCollection.Name)]
public sealed class ReportTests : IDisposable
{
    private readonly LoadFixture fixture;
    private readonly string directory = Directory.CreateTempSubdirectory("gatho-load-tests-").FullName;

    public ReportTests(LoadFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public async Task Fan_out_against_the_room_and_the_baseline_writes_json_and_html_with_ratios()
    {
        var json = Path.Combine(directory, "report.json");
        var html = Path.Combine(directory, "report.html");
        var output = new StringWriter();

        var exit = await LoadCommand.RunAsync(
            ["fanout", "--url", fixture.RoomUrl, "--baseline-url", fixture.HubUrl, "--clients", "3", "--messages", "5", "--runs", "2", "--json", json, "--html", html, "--quiet"],
            output,
            TextWriter.Null,
            CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        Assert.Equal("fanout", root.GetProperty("scenario").GetString());
        var targets = root.GetProperty("targets");
        Assert.Equal(2, targets.GetArrayLength());
        Assert.Equal("gatho", targets[0].GetProperty("target").GetString());
        Assert.Equal("signalr", targets[1].GetProperty("target").GetString());
        foreach (var target in targets.EnumerateArray())
        {
            Assert.Equal(2, target.GetProperty("runs").GetArrayLength());
            foreach (var run in target.GetProperty("runs").EnumerateArray())
            {
                Assert.Equal(3 * 3 * 5, run.GetProperty("deliveries").GetInt64());
                Assert.Equal(0, run.GetProperty("lost").GetInt64());
                Assert.Equal(0, run.GetProperty("duplicated").GetInt64());
                Assert.Equal(3 * 3 * 5, run.GetProperty("latency").GetProperty("count").GetInt64());
            }
        }

        var figures = root.GetProperty("comparison").EnumerateArray().Select(r => r.GetProperty("figure").GetString()).ToArray();
        Assert.Contains("deliveries/s", figures);
        Assert.Contains("latency p99, µs", figures);
        Assert.Contains("ratio", output.ToString());

        // Self-contained: well-formed markup, one histogram and one throughput plot per target, nothing fetched.
        var page = await File.ReadAllTextAsync(html);
        using var reader = XmlReader.Create(new StringReader(page), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var xml = XDocument.Load(reader);
        Assert.Equal(4, xml.Descendants("svg").Count());
        Assert.Contains(xml.Descendants("polyline"), p => p.Attribute("points")?.Value.Length > 0);
        Assert.NotEmpty(xml.Descendants("rect"));
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", page, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("no-such-scenario", "no scenario 'no-such-scenario'")]
    [InlineData("echo --clients many", "--clients 'many' is not a whole number")]
    [InlineData("echo --clients 0", "Clients must be positive")]
    [InlineData("echo --size 8", "17-byte header")]
    [InlineData("echo", "name a target")]
    public async Task Bad_arguments_exit_2_with_the_reason_and_the_usage(string arguments, string reason)
    {
        var output = new StringWriter();

        var exit = await LoadCommand.RunAsync(arguments.Split(' '), output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains(reason, output.ToString());
        Assert.Contains("gatho-load <echo|fanout|idle|churn>", output.ToString());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
