using System.Diagnostics;

namespace Gatho.Integration.Tests.Samples;

/// <summary>
/// The typed samples run end to end as a user runs them: a server, room processes, a backend and typed clients. The
/// TicTacToe one is the authoring shape of docs/authoring.md: a netstandard2.1 room library that references only
/// Gatho.Abstractions and a netstandard2.1 typed client library that reads the room's contract from its metadata.
/// </summary>
public sealed class SampleProgramTests
{
    [Theory]
    [InlineData("samples/Quickstart", "Quickstart", "count: 3")]
    // TicTacToe plays through its quick-match endpoint (issue 12): one join-or-create per player, the room locks itself.
    [InlineData("samples/TicTacToe/TicTacToe.Game", "TicTacToe.Game", "both players matched into one room|the room locked itself when the game started|a third player was matched into a new room|winner: X")]
    public async Task Sample_runs_to_completion_and_exits_0(string directory, string assembly, string expected)
    {
        var path = SamplePath(directory, assembly);
        using var process = Process.Start(new ProcessStartInfo("dotnet", new[] { path })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{assembly} did not finish in 2 minutes: {await output}{await errors}");
        }

        var text = await output;
        Assert.True(process.ExitCode == 0, $"{assembly} exited {process.ExitCode}: {text}{await errors}");
        foreach (var line in expected.Split('|'))
        {
            Assert.Contains(line, text, StringComparison.Ordinal);
        }
    }

    /// <summary>The sample's build output next to this test's (same configuration and framework).</summary>
    private static string SamplePath(string directory, string assembly)
    {
        var bin = AppContext.BaseDirectory;
        var marker = Path.DirectorySeparatorChar + "tests" + Path.DirectorySeparatorChar + "Gatho.Integration.Tests" + Path.DirectorySeparatorChar;
        var index = bin.LastIndexOf(marker, StringComparison.Ordinal);
        var path = Path.Combine(bin[..index], directory, bin[(index + marker.Length)..], assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{assembly} not built", path);
    }
}
