using Gatho.Drivers.Errors;
using Gatho.Protocol.Notify;
using Gatho.Server.Rooms;
using Gatho.Server.Runners;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Startup;

/// <summary>
/// The startup gate (gatho-behaviour §6.4, §7.3): a room must say something — anything — within the startup timeout,
/// and a room that exits first fails at once with its exit code. Either way the creator gets RoomFailedException, the
/// record goes, and the room is stopped.
/// </summary>
public sealed class StartupGateTests
{
    // Long enough that a test failing "fast" could not have waited for it.
    private static readonly TimeSpan LongStartup = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_room_that_never_speaks_fails_the_gate_and_is_stopped()
    {
        await using var cluster = new TestCluster();
        cluster.UseFakes(new FakeRoomRunner { OnStart = _ => Task.CompletedTask });
        var server = await cluster.StartServerAsync(o => o.RoomStartupTimeout = TimeSpan.FromMilliseconds(300));

        var failure = await Assert.ThrowsAsync<RoomFailedException>(() => cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: Wait.Patience));

        Assert.Equal("room sent no notify message within 300ms", failure.Reason);
        Assert.Equal("room-failed", failure.Code);
        var handle = cluster.Fakes[failure.RoomId];
        Assert.True(handle.StopperCalls >= 1, "the silent room's stopper ran");
        Assert.Null(await cluster.Sdk.GetRoomAsync(failure.RoomId));
        await Wait.UntilAsync(() => server.GetRoomDetails(failure.RoomId) is null, "the server forgetting the failed room");
        Assert.False(Directory.Exists(Path.Combine(cluster.SocketDirectory, failure.RoomId)));
    }

    [Fact]
    public async Task A_room_that_exits_during_startup_fails_fast_with_its_exit_code()
    {
        await using var cluster = new TestCluster();
        cluster.UseFakes(new FakeRoomRunner { OnStart = handle => handle.ExitAsync(3) });
        var server = await cluster.StartServerAsync(o => o.RoomStartupTimeout = LongStartup);

        var failure = await Assert.ThrowsAsync<RoomFailedException>(() => cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: LongStartup));

        Assert.Equal("room process exited during startup (code 3)", failure.Reason);
        Assert.Null(await cluster.Sdk.GetRoomAsync(failure.RoomId));
        await Wait.UntilAsync(() => server.GetRoomDetails(failure.RoomId) is null, "the server forgetting the failed room");
    }

    [Fact]
    public async Task A_runner_that_throws_fails_the_room_with_its_message()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync(o =>
        {
            o.RoomStartupTimeout = LongStartup;
            o.Rooms["broken"] = RoomRunner.Create((_, _) => throw new InvalidOperationException("no capacity on this host"));
        });

        var failure = await Assert.ThrowsAsync<RoomFailedException>(() => cluster.Sdk.CreateRoomAsync("broken", server.ServerId, timeout: LongStartup));

        Assert.Equal("runner failed: no capacity on this host", failure.Reason);
        Assert.Null(server.GetRoomDetails(failure.RoomId));
        Assert.False(Directory.Exists(Path.Combine(cluster.SocketDirectory, failure.RoomId)));
    }

    [Fact]
    public async Task A_spawn_failure_fails_the_room_fast_and_says_why()
    {
        await using var cluster = new TestCluster();
        var missing = Path.Combine(cluster.SocketDirectory, "no-such-room-binary");
        var server = await cluster.StartServerAsync(o =>
        {
            o.RoomStartupTimeout = LongStartup;
            o.Rooms["missing"] = new Subprocess(missing);
        });

        var failure = await Assert.ThrowsAsync<RoomFailedException>(() => cluster.Sdk.CreateRoomAsync("missing", server.ServerId, timeout: LongStartup));

        // The runner's own report of the spawn error is what an operator needs, not just "it exited".
        Assert.StartsWith("room process exited during startup (code -1): subprocess spawn failed: " + missing, failure.Reason);
        Assert.Contains(cluster.Logs.Lines, l => l.Message.Contains("subprocess spawn failed", StringComparison.Ordinal));
        Assert.Null(server.GetRoomDetails(failure.RoomId));
    }

    [Fact]
    public async Task A_room_type_the_server_has_no_runner_for_fails()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();

        var failure = await Assert.ThrowsAsync<RoomFailedException>(() => cluster.Sdk.CreateRoomAsync("chess", server.ServerId, timeout: LongStartup));

        Assert.Equal($"server {server.ServerId} has no runner for room type \"chess\"", failure.Reason);
        Assert.Equal(0, cluster.Fakes.Starts);
    }

    [Fact]
    public async Task A_room_whose_ready_cannot_be_recorded_fails_at_once_instead_of_leaving_its_creator_waiting()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync(o => o.RoomStartupTimeout = LongStartup);
        cluster.Driver.FailRoomReady();

        var failure = await Assert.ThrowsAsync<RoomFailedException>(() => cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: LongStartup));

        Assert.Equal("could not record the room as ready: injected failure: room ready " + failure.RoomId, failure.Reason);
        await Wait.ForAsync(cluster.Fakes[failure.RoomId].Exited, "the room stopped");
        Assert.Null(await cluster.Sdk.GetRoomAsync(failure.RoomId));
        await Wait.UntilAsync(() => server.GetRoomDetails(failure.RoomId) is null, "the server forgetting the room");
        Assert.DoesNotContain(cluster.Logs.Lines, l => l.Message.Contains("no longer wanted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_room_silent_past_the_stall_timeout_but_within_startup_survives_once_ready()
    {
        await using var cluster = new TestCluster();
        cluster.UseFakes(new FakeRoomRunner { OnStart = handle => handle.DialAsync() });
        var server = await cluster.StartServerAsync(o =>
        {
            o.RoomStallTimeout = TimeSpan.FromMilliseconds(150);
            o.RoomStartupTimeout = LongStartup;
        });
        var creating = cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: Wait.Patience);
        var roomId = await cluster.PendingRoomIdAsync(server);
        var handle = await cluster.Fakes.StartedAsync(roomId);
        var starting = server.GetRoomDetails(roomId);
        Assert.NotNull(starting);
        Assert.Equal(RoomProcessStatus.Starting, starting.Status);
        Assert.Null(starting.LastHeartbeatAt);
        Assert.Null(starting.Endpoint);

        // Several stall sweeps pass the silent room: the stall clock only starts with its first message.
        var ticks = cluster.Driver.Heartbeats;
        await Wait.UntilAsync(() => cluster.Driver.Heartbeats >= ticks + 5, "five heartbeat ticks");
        Assert.Equal(0, handle.StopperCalls);
        await handle.SendAsync(new ReadyNotify(40001));

        var room = await creating;
        await Wait.UntilAsync(() => server.GetRoomDetails(room.RoomId)?.Status == RoomProcessStatus.Ready, "the server's view: ready");
        var ready = server.GetRoomDetails(room.RoomId)!;
        Assert.NotNull(ready.LastHeartbeatAt);
        Assert.Equal("ws://127.0.0.1:40001/", ready.Endpoint);
    }
}
