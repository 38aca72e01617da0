using Gatho.Protocol.Hosting;
using Gatho.Server.Runners;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Runners;

/// <summary>
/// The subprocess runner (gatho-behaviour §7.2, DESIGN D8): the child's environment, SIGTERM then SIGKILL, and spawn
/// failures. Children are <c>/bin/sh</c> scripts, so each test shows exactly what the child saw or did.
/// </summary>
public sealed class SubprocessTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("gr-").FullName;
    private readonly List<IRoomStopper> stoppers = new();

    public void Dispose()
    {
        // Whatever a failed test left running gets its stopper; every child here dies of it.
        foreach (var stopper in stoppers)
        {
            stopper.StopAsync().AsTask().Wait(Wait.Patience);
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task The_child_gets_the_servers_environment_plus_extra_variables_but_GATHO_variables_cannot_be_overridden()
    {
        var output = Path.Combine(directory, "env");
        var recorded = new RecordedContext(directory, dataJson: "{\"map\":\"dust\"}");
        var runner = Shell("env > \"$ENV_OUT\"", new SubprocessOptions
        {
            Environment = context => new Dictionary<string, string>
            {
                ["ENV_OUT"] = output,
                ["ROOM_MAP"] = context.DataJson,
                [GathoEnvironment.RoomId] = "forged-id",
                [GathoEnvironment.RoomSecret] = "forged-secret",
            },
        });

        await StartAsync(runner, recorded);
        Assert.Equal(0, await Wait.ForAsync(recorded.Stopped, "the child exiting"));

        var env = (await File.ReadAllLinesAsync(output))
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal("{\"map\":\"dust\"}", env["ROOM_MAP"]);
        foreach (var (name, value) in recorded.Context.Environment)
        {
            Assert.Equal(value, env[name]);
        }

        Assert.Equal("room-1", env[GathoEnvironment.RoomId]);
        Assert.Equal("secret-room-1", env[GathoEnvironment.RoomSecret]);
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), env["PATH"]);
    }

    [Fact]
    public async Task Stopping_sends_SIGTERM_and_a_child_that_obeys_exits()
    {
        // The child says what it received (exit codes of signalled children are not what this test is about).
        var ready = Path.Combine(directory, "ready");
        var gotTerm = Path.Combine(directory, "got-term");
        var recorded = new RecordedContext(directory);
        var stopper = await StartAsync(Shell($"trap 'touch \"{gotTerm}\"; exit 0' TERM; touch '{ready}'; while :; do sleep 0.05; done", new SubprocessOptions { KillTimeout = TimeSpan.FromMinutes(1) }), recorded);
        await Wait.UntilAsync(() => File.Exists(ready), "the child running");

        await stopper.StopAsync();

        // It exited on its own, long before the kill timeout could have mattered.
        await Wait.ForAsync(recorded.Stopped, "the child exiting");
        Assert.True(File.Exists(gotTerm), "the child received SIGTERM");
    }

    [Fact]
    public async Task A_child_that_ignores_SIGTERM_is_killed_after_the_kill_timeout()
    {
        var ready = Path.Combine(directory, "ready");
        var gotTerm = Path.Combine(directory, "got-term");
        var recorded = new RecordedContext(directory);

        // It notes SIGTERM and carries on: only SIGKILL can end it.
        var stopper = await StartAsync(Shell($"trap 'touch \"{gotTerm}\"' TERM; touch '{ready}'; while :; do sleep 0.05; done", new SubprocessOptions { KillTimeout = TimeSpan.FromMilliseconds(300) }), recorded);
        await Wait.UntilAsync(() => File.Exists(ready), "the child running");

        await stopper.StopAsync();
        await stopper.StopAsync();

        await Wait.ForAsync(recorded.Stopped, "the child killed");
        Assert.True(File.Exists(gotTerm), "SIGTERM came first");
        Assert.Equal(1, recorded.StoppedCalls);
        await stopper.StopAsync();
    }

    [Fact]
    public async Task A_spawn_failure_is_reported_as_an_error_and_an_exit()
    {
        var missing = Path.Combine(directory, "no-such-binary");
        var recorded = new RecordedContext(directory);

        var stopper = await StartAsync(new Subprocess(missing), recorded);

        Assert.Equal(-1, await recorded.Stopped);
        var error = Assert.Single(recorded.Errors);
        Assert.StartsWith($"subprocess spawn failed: {missing}: ", error);
        await stopper.StopAsync();
    }

    [Fact]
    public void Options_are_checked_when_the_runner_is_made()
    {
        Assert.Throws<ArgumentException>(() => new Subprocess(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Subprocess("/bin/sh", options: new SubprocessOptions { KillTimeout = TimeSpan.FromSeconds(-1) }));
    }

    private static Subprocess Shell(string script, SubprocessOptions options) => new("/bin/sh", new[] { "-c", script }, options);

    private async Task<IRoomStopper> StartAsync(Subprocess runner, RecordedContext recorded)
    {
        var stopper = await runner.StartAsync(recorded.Context, CancellationToken.None);
        stoppers.Add(stopper);
        return stopper;
    }
}
