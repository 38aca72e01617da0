using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Gatho.Client.Tests.Support;

namespace Gatho.Client.Tests.Aot;

/// <summary>
/// DESIGN D6 for the client: samples/AotClient publishes with NativeAOT with zero trim/AOT warnings (IL2xxx/IL3xxx),
/// and the native binary joins a real room and exchanges messages. One publish (about half a minute to two minutes).
/// Run alone with <c>dotnet test tests/Gatho.Client.Tests --filter Category=Aot</c>.
/// </summary>
public sealed partial class AotPublishTests
{
    [Fact]
    [Trait("Category", "Aot")]
    public async Task The_NativeAOT_client_publishes_without_trim_or_aot_warnings_and_exchanges_messages_with_a_room()
    {
        var repository = FindRepository();
        var output = Path.Combine(Path.GetTempPath(), "gatho-aot-client-" + Guid.NewGuid().ToString("N"));
        try
        {
            var project = Path.Combine(repository, "samples", "AotClient", "AotClient.csproj");

            // An earlier publish leaves ILC's output behind and an incremental publish would skip native compilation (and
            // with it every trim/AOT warning): remove it so each run really compiles and reports.
            var native = Path.Combine(repository, "samples", "AotClient", "obj", "Release", "net10.0", "linux-x64", "native");
            if (Directory.Exists(native))
            {
                Directory.Delete(native, recursive: true);
            }

            var publish = await RunAsync(
                "dotnet",
                new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output, "-nologo" },
                TimeSpan.FromMinutes(8));

            Assert.True(publish.ExitCode == 0, $"publish failed ({publish.ExitCode}):\n{publish.Output}");
            var warnings = TrimOrAotWarning().Matches(publish.Output).Select(m => m.Value).Distinct().ToArray();
            Assert.True(warnings.Length == 0, $"trim/AOT warnings {string.Join(", ", warnings)}:\n{publish.Output}");
            Assert.Contains("Generating native code", publish.Output, StringComparison.Ordinal);
            var binary = Path.Combine(output, "AotClient");
            Assert.True(File.Exists(binary), $"no native binary at {binary}");

            await using var room = await TestRoom.StartAsync();
            var run = await RunAsync(binary, new[] { room.Seat("aot-client"), "10" }, TimeSpan.FromSeconds(60));

            Assert.True(run.ExitCode == 0, $"the native client failed ({run.ExitCode}):\n{run.Output}");
            Assert.Contains("exchanged 20 messages as aot-client", run.Output, StringComparison.Ordinal);
            await room.Log.WaitAsync("join:aot-client:v2");
            await room.Log.WaitAsync("leave:aot-client");
            Assert.Equal(10, room.Log.Count(e => e.StartsWith("msg:aot-client:hello ", StringComparison.Ordinal)));
            Assert.Equal(10, room.Log.Count("msg:aot-client:<2 bytes>"));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [GeneratedRegex(@"\bIL[23]\d{3}\b")]
    private static partial Regex TrimOrAotWarning();

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gatho.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Gatho.sln above {AppContext.BaseDirectory}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var text = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (text)
            {
                text.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (text)
            {
                text.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within {limit}:\n{text}");
        }

        process.WaitForExit();
        lock (text)
        {
            return (process.ExitCode, text.ToString());
        }
    }
}
