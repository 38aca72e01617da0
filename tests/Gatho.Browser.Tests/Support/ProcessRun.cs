using System.Diagnostics;
using System.Text;

namespace Gatho.Browser.Tests.Support;

/// <summary>The exit code and the interleaved stdout/stderr of a finished process.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, bool TimedOut);

/// <summary>Runs a process to its end (or kills it, by its pid and its children, at the timeout).</summary>
internal static class ProcessRun
{
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
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
            return new ProcessResult(timedOut ? -1 : process.ExitCode, output.ToString(), timedOut);
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
