using Gatho.Testing.Processes;

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
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1",
            ["UseSharedCompilation"] = "false",

            // The test host's MSBuild variables would point the child at the test's own SDK state.
            ["MSBuildExtensionsPath"] = null,
            ["MSBuildSDKsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
            ["MSBuildLoadMicrosoftTargetsReadOnly"] = null,
        };
        if (packagesFolder is not null)
        {
            environment["NUGET_PACKAGES"] = packagesFolder;
        }

        var command = "dotnet " + string.Join(' ', arguments);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var result = await ChildProcess.RunAsync(dotnet, arguments, workingDirectory, environment, Limit);
        return result.TimedOut
            ? throw new TimeoutException($"`{command}` did not finish within {Limit}:\n{result.Output}")
            : new CommandResult(command, result.ExitCode, result.Output);
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
}
