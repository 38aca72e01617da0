using System.Diagnostics;
using System.Text;

namespace Gatho.Packaging.Tests.Support;

/// <summary>The result of one <c>dotnet</c> command: its exit code and its interleaved standard output and error.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output)
{
    public override string ToString() => $"`{Command}` exited {ExitCode}:\n{Output}";
}

/// <summary>
/// Runs the <c>dotnet</c> CLI as a user would in a fresh directory: no build server or MSBuild node outlives the
/// command, the test host's MSBuild variables are removed, and NuGet uses the private packages folder given.
/// </summary>
public static class DotnetCli
{
    // An upper bound only (a restore and build of three projects takes about a minute on a loaded 2-core machine).
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static async Task<CommandResult> RunAsync(string workingDirectory, string? packagesFolder, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        if (packagesFolder is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packagesFolder;
        }

        // The test host's MSBuild variables would point the child at the test's own SDK state.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildLoadMicrosoftTargetsReadOnly");

        var command = "dotnet " + string.Join(' ', arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"`{command}` did not finish within {Limit}:\n{Snapshot(output)}");
        }

        process.WaitForExit();
        return new CommandResult(command, process.ExitCode, Snapshot(output));
    }

    /// <summary>Runs a command that must succeed; a failure reports the command and all it printed.</summary>
    public static async Task<CommandResult> RunCheckedAsync(string workingDirectory, string? packagesFolder, params string[] arguments)
    {
        var result = await RunAsync(workingDirectory, packagesFolder, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.ToString());
        }

        return result;
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
