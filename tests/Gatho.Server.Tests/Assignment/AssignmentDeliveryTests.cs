using Gatho.Drivers.Errors;
using Gatho.Drivers.Events;
using Gatho.Drivers.Model;
using Gatho.Protocol.Closing;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Assignment;

/// <summary>
/// How assignments reach a server and what it does with them (gatho-behaviour §7.3–7.5, e2e "assignment-delivery"):
/// the push is a shortcut, the heartbeat's desired set is the authority, and each room is started at most once.
/// </summary>
public sealed class AssignmentDeliveryTests
{
    [Fact]
    public async Task Lost_pushes_still_spawn_within_about_one_heartbeat()
    {
        await using var cluster = new TestCluster();
        var ticksAtStart = new Dictionary<string, int>();
        cluster.UseFakes(new FakeRoomRunner
        {
            OnStart = handle =>
            {
                lock (ticksAtStart)
                {
                    ticksAtStart[handle.RoomId] = cluster.Driver.Heartbeats;
                }

                return handle.DialAndReadyAsync();
            },
        });
        var server = await cluster.StartServerAsync();
        cluster.Driver.DropEvent = e => e is RoomAssignedEvent;

        // Ticks are counted from the moment the record is written, through an SDK whose driver reports that moment.
        var ticksAtRegistration = -1;
        var sdk = new Sdk.GathoSdk(new InterceptingDriver(cluster.Store) { AfterRegisterRoom = _ => ticksAtRegistration = cluster.Driver.Heartbeats });
        var room = await sdk.CreateRoomAsync("fake", server.ServerId, timeout: Wait.Patience);

        Assert.Equal(RoomStatus.Running, room.Status);
        Assert.Equal(1, cluster.Fakes.Starts);

        // Started by the first tick that read the store after the registration (a tick that read just before it may
        // still have been counting), not by a push.
        Assert.InRange(ticksAtStart[room.RoomId] - ticksAtRegistration, 0, 2);
    }

    [Fact]
    public async Task A_room_that_crashes_on_start_is_spawned_exactly_once_while_its_failure_report_is_delayed()
    {
        await using var cluster = new TestCluster();
        cluster.UseFakes(new FakeRoomRunner { OnStart = handle => handle.ExitAsync(1) });
        var report = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Driver.BeforeRoomFailure = () => report.Task;
        var server = await cluster.StartServerAsync();

        var creating = cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: Wait.Patience);
        var roomId = await cluster.PendingRoomIdAsync(server);
        await cluster.Fakes.StartedAsync(roomId);

        // The record still says "requested" on every tick meanwhile: none of them may start it again.
        var ticks = cluster.Driver.Heartbeats;
        await Wait.UntilAsync(() => cluster.Driver.Heartbeats >= ticks + 5, "five ticks with the failure report held");
        Assert.Equal(RoomStatus.Requested, (await cluster.Sdk.GetRoomAsync(roomId))!.Status);
        Assert.Equal(1, cluster.Fakes.Starts);

        report.SetResult();
        var failure = await Assert.ThrowsAsync<RoomFailedException>(() => creating);
        Assert.Equal("room process exited during startup (code 1)", failure.Reason);
        Assert.Equal(1, cluster.Fakes.Starts);
    }

    [Fact]
    public async Task A_room_ready_after_its_creator_gave_up_is_stopped_and_leaves_no_record()
    {
        await using var cluster = new TestCluster();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.UseFakes(new FakeRoomRunner
        {
            OnStart = async handle =>
            {
                await go.Task;
                await handle.DialAndReadyAsync();
            },
        });

        // No removal push and no later tick: only the refused ready can tell the server nobody wants the room.
        var server = await cluster.StartServerAsync(o => o.HeartbeatInterval = TimeSpan.FromHours(1));
        cluster.Driver.DropEvent = e => e is RoomRemovedEvent;

        var timeout = await Assert.ThrowsAsync<RoomTimeoutException>(() => cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: TimeSpan.FromMilliseconds(200)));
        var handle = await cluster.Fakes.StartedAsync(timeout.RoomId);
        Assert.Null(await cluster.Sdk.GetRoomAsync(timeout.RoomId));
        go.SetResult();

        await Wait.ForAsync(handle.Exited, "the unwanted room stopped");
        Assert.Equal(new[] { CloseReasons.RoomShuttingDown }, handle.StopReasons);
        Assert.Contains(cluster.Logs.Lines, l => l.Message.Contains("no longer wanted", StringComparison.Ordinal));
        await Wait.UntilAsync(() => server.GetRoomDetails(timeout.RoomId) is null, "the server forgetting the unwanted room");
        Assert.Null(await cluster.Sdk.GetRoomAsync(timeout.RoomId));
        Assert.Empty(await cluster.Sdk.GetRoomsAsync());
    }

    [Fact]
    public async Task A_room_pushed_mid_tick_survives_that_ticks_destroy_sweep()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var tick = new TickPause(cluster.Driver);
        await tick.PausedAsync();

        // The held tick's desired set was read before this room existed.
        var (room, handle) = await cluster.CreateFakeAsync(server);
        tick.Release();
        var ticks = cluster.Driver.Heartbeats;
        await Wait.UntilAsync(() => cluster.Driver.Heartbeats >= ticks + 3, "three more ticks");

        Assert.Equal(0, handle.StopperCalls);
        Assert.Empty(handle.StopReasons);
        Assert.False(handle.Exited.IsCompleted);
        Assert.Equal(RoomStatus.Running, (await cluster.Sdk.GetRoomAsync(room.RoomId))!.Status);
        Assert.NotNull(server.GetRoomDetails(room.RoomId));
    }

    [Fact]
    public async Task A_destroy_whose_push_is_lost_stops_the_room_on_the_next_tick()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(server);
        cluster.Driver.DropEvent = e => e is RoomRemovedEvent;

        await cluster.Sdk.DestroyRoomAsync(room.RoomId);

        await Wait.ForAsync(handle.Exited, "the destroyed room stopped by the sweep");
        Assert.Equal(new[] { CloseReasons.RoomShuttingDown }, handle.StopReasons);
        await Wait.UntilAsync(() => server.GetRoomDetails(room.RoomId) is null, "the server forgetting the room");
        Assert.Empty(cluster.Driver.Failures);
    }

    [Fact]
    public async Task A_room_still_starting_does_not_hold_up_pushes_for_other_rooms()
    {
        await using var cluster = new TestCluster();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await cluster.StartServerAsync(o =>
        {
            // Pushes only: no later tick could make up for a push that is stuck behind another room.
            o.HeartbeatInterval = TimeSpan.FromHours(1);
            o.RoomStartupTimeout = TimeSpan.FromMilliseconds(300);
            o.Rooms["slow"] = Gatho.Server.Runners.RoomRunner.Create(async (context, _) =>
            {
                slowStarted.TrySetResult();
                await release.Task;
                return () => ValueTask.CompletedTask;
            });
        });
        var slow = cluster.Sdk.CreateRoomAsync("slow", server.ServerId, timeout: Wait.Patience);
        await Wait.ForAsync(slowStarted.Task, "the slow room's runner called");

        var (room, handle) = await cluster.CreateFakeAsync(server);
        await cluster.Sdk.DestroyRoomAsync(room.RoomId);
        await Wait.ForAsync(handle.Exited, "the destroy push handled");

        // Once its runner returns, the slow room gets its own startup gate (it never speaks).
        release.SetResult();
        var failure = await Assert.ThrowsAsync<RoomFailedException>(() => slow);
        Assert.Equal("room sent no notify message within 300ms", failure.Reason);
    }

    [Fact]
    public async Task Creating_on_an_unknown_server_fails_with_ServerNotFound_and_writes_nothing()
    {
        await using var cluster = new TestCluster();
        await cluster.StartServerAsync();

        var error = await Assert.ThrowsAsync<ServerNotFoundException>(() => cluster.Sdk.CreateRoomAsync("fake", "no-such-server"));

        Assert.Equal("no-such-server", error.ServerId);
        Assert.Equal("server-not-found", error.Code);
        Assert.Empty(await cluster.Sdk.GetRoomsAsync());
        Assert.Equal(0, cluster.Fakes.Starts);
    }
}
