using System.Globalization;
using System.Runtime.InteropServices;
using Gatho.Server;
using Gatho.Server.Runners;
using Microsoft.Extensions.Logging;

namespace Gatho.TestServer.MultiServer;

/// <summary>
/// One server and nothing else, over the networked store: runs echo rooms (Gatho.TestRoom child processes) whose notify
/// sockets live under the given directory, prints <c>SERVER &lt;id&gt; &lt;pid&gt;</c> once registered, drains gracefully on
/// SIGTERM (printing <c>DRAINING</c>, then <c>STOPPED</c>) and dies on SIGKILL like any crashed server.
/// <c>GATHO_TEST_CADENCE_MS</c> sets the heartbeat and leader cadence; rooms redial a lost server for
/// <c>GATHO_TEST_REDIAL_GRACE_MS</c>.
/// </summary>
internal static class ServerProcess
{
    public static async Task<int> RunAsync(string roomAssembly, string socketDirectory)
    {
        var cadence = TimeSpan.FromMilliseconds(int.Parse(Environment.GetEnvironmentVariable("GATHO_TEST_CADENCE_MS") ?? "500", CultureInfo.InvariantCulture));
        using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        await using var driver = StoreDrivers.Create();
        var options = new GathoServerOptions
        {
            Driver = driver,
            Host = "127.0.0.1",
            Port = 0,
            SocketDirectory = socketDirectory,
            HeartbeatInterval = cadence,
            LeaderInterval = cadence,
            DrainTimeout = TimeSpan.FromSeconds(10),
            LoggerFactory = logging,
        };
        var roomEnvironment = new Dictionary<string, string> { ["GATHO_LOG_LEVEL"] = "error" };
        foreach (var name in new[] { "GATHO_TEST_REDIAL_GRACE_MS" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                roomEnvironment[name] = value;
            }
        }

        options.Rooms["echo"] = Subprocess.Dotnet(roomAssembly, ["echo"], new SubprocessOptions { Environment = _ => roomEnvironment });

        var terminate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            terminate.TrySetResult();
        });

        var server = await GathoServer.StartAsync(options);
        Console.WriteLine($"SERVER {server.ServerId} {Environment.ProcessId}");
        await terminate.Task;
        Console.WriteLine("DRAINING");
        await server.StopAsync();
        Console.WriteLine("STOPPED");
        return 0;
    }
}
