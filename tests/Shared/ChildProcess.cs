using System.Diagnostics;
using System.Text;

namespace Gatho.Testing.Processes;

/// <summary>The exit code and the interleaved stdout/stderr of a finished child process; -1 when it was killed at its deadline.</summary>
internal sealed record ChildProcessResult(int ExitCode, string Output, bool TimedOut);

/// <summary>
/// Runs a child process to its end, collecting its stdout and stderr interleaved, or kills it (by its pid, with its
/// children) at the deadline. Its stdin is closed at once, so a command that would prompt fails instead of hanging.
/// Linked into the test projects that run tools (dotnet, node, npm): one copy of the rule.
/// </summary>
internal static class ChildProcess
{
    /// <param name="file">The program.</param>
    /// <param name="arguments">Its arguments, passed as they are (no shell quoting).</param>
    /// <param name="directory">Its working directory.</param>
    /// <param name="environment">Variables to set; a null value removes the variable the test host would pass on.</param>
    /// <param name="timeout">An upper bound only: the process is killed when it has not ended by then.</param>
    public static async Task<ChildProcessResult> RunAsync(
        string file, IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        // The asynchronous readers may still hold the last lines until the streams close.
        process.WaitForExit();
        lock (output)
        {
            return new ChildProcessResult(timedOut ? -1 : process.ExitCode, output.ToString(), timedOut);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
