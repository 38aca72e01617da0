using Gatho.Testing.Processes;
using Xunit.Abstractions;

namespace Gatho.Browser.Tests.Support;

/// <summary>Runs a folder of clients/js's Node tests (node --test), installing its npm packages first when missing.</summary>
internal static class NodeTests
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool installed;

    /// <summary>Runs <c>node --test test/&lt;folder&gt;/</c> in clients/js; fails with node's whole output unless it passes.</summary>
    public static async Task RunAsync(string folder, IReadOnlyDictionary<string, string> environment, ITestOutputHelper output, TimeSpan timeout)
    {
        await EnsurePackagesAsync(output);
        var arguments = new List<string>();

        // Node 20 has WebSocket behind a flag; 22+ has it on by default.
        if (NodeInstalled.Major < 22)
        {
            arguments.Add("--experimental-websocket");
        }

        // Two test files at a time: they mostly wait (on processes starting, on a page's ack deadline), so running
        // them side by side halves the wall time even on two cores.
        arguments.AddRange(["--test", "--test-concurrency=2", "--test-reporter=spec", $"test/{folder}/"]);
        var env = new Dictionary<string, string?>(environment!)
        {
            ["GATHO_BROWSER_ROOMS_DLL"] = Repository.Output(Path.Combine("tests", "Gatho.Browser.Rooms"), "Gatho.Browser.Rooms"),
            ["NO_COLOR"] = "1",
        };
        var result = await ChildProcess.RunAsync(NodeInstalled.Node!, arguments, Repository.JsClient, env, timeout);
        output.WriteLine(result.Output);
        Assert.True(
            result.ExitCode == 0,
            result.TimedOut
                ? $"node --test test/{folder}/ did not finish within {timeout.TotalSeconds} s:\n{result.Output}"
                : $"node --test test/{folder}/ failed (exit {result.ExitCode}):\n{result.Output}");
    }

    private static async Task EnsurePackagesAsync(ITestOutputHelper output)
    {
        await InstallGate.WaitAsync();
        try
        {
            if (installed || Directory.Exists(Path.Combine(Repository.JsClient, "node_modules", "@msgpack", "msgpack")))
            {
                installed = true;
                return;
            }

            var npm = Executables.Find("npm") ?? throw new InvalidOperationException("npm is not on PATH: cannot install clients/js's packages (npm ci)");
            var result = await ChildProcess.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], Repository.JsClient, new Dictionary<string, string?>(), TimeSpan.FromMinutes(5));
            output.WriteLine(result.Output);
            Assert.True(result.ExitCode == 0, $"npm ci in clients/js failed (exit {result.ExitCode}):\n{result.Output}");
            installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
