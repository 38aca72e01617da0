using Gatho.Drivers.Errors;
using Gatho.Integration.Tests.Support;
using Gatho.Protocol.Urls;

namespace Gatho.Integration.Tests.Failures;

/// <summary>
/// Real room processes failing the ways processes fail (gatho-behaviour §6.4, §7.7, e2e "startup-timing"): killed,
/// frozen, mute, exiting at once, or ready too late. Each time the room is reported or removed and no process is left.
/// </summary>
public sealed class RoomProcessFailureTests
{
    [Fact]
    public async Task A_room_process_killed_with_SIGKILL_is_reported_failed_and_removed()
    {
        await using var cluster = new Cluster();
        var server = await cluster.StartServerAsync();
        var room = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId);
        var process = await RoomProcesses.FindAsync(room.RoomId);
        await using var client = await WireClient.ConnectAsync(SeatUrl.ForConnect((await cluster.Sdk.JoinAsync(room.RoomId)).Url, 1));
        await client.SessionAsync();

        RoomProcesses.Signal(process, RoomProcesses.SigKill);

        Assert.Equal(1006, (await client.ClosedAsync()).Code);
        await Wait.UntilAsync(async () => await cluster.Sdk.GetRoomAsync(room.RoomId) is null, "the killed room's record removed");
        await Wait.UntilAsync(() => server.GetRoomDetails(room.RoomId) is null, "the server forgetting the killed room");
        Assert.False(Directory.Exists(Path.Combine(cluster.SocketDirectory, room.RoomId)));
        Assert.Empty(await cluster.Sdk.GetRoomsAsync(new Drivers.Model.RoomFilter { ServerId = server.ServerId }));
    }

    [Fact]
    public async Task A_room_process_that_stops_heartbeating_is_killed_after_the_stall_timeout()
    {
        await using var cluster = new Cluster();
        var server = await cluster.StartServerAsync(o =>
        {
            o.RoomStallTimeout = TimeSpan.FromSeconds(2);
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
            o.Rooms["echo"] = Cluster.TestRoom(killTimeout: TimeSpan.FromMilliseconds(500), heartbeat: TimeSpan.FromMilliseconds(200));
        });
        var frozen = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId);
        var healthy = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId);
        var process = await RoomProcesses.FindAsync(frozen.RoomId);

        // SIGSTOP: the process is alive but runs no code, so it sends no heartbeat; it never gets a SIGCONT.
        RoomProcesses.Signal(process, RoomProcesses.SigStop);
        await Wait.UntilAsync(() => RoomProcesses.StateOf(process) == 'T', "the room process stopped");

        await RoomProcesses.ExitedAsync(process, "the frozen room killed");
        await Wait.UntilAsync(async () => await cluster.Sdk.GetRoomAsync(frozen.RoomId) is null, "the frozen room's record removed");
        await Wait.UntilAsync(() => server.GetRoomDetails(frozen.RoomId) is null, "the server forgetting the frozen room");

        // The sweep singled out the frozen one.
        Assert.Equal(Drivers.Model.RoomStatus.Running, (await cluster.Sdk.GetRoomAsync(healthy.RoomId))!.Status);
        Assert.True(RoomProcesses.IsAlive(await RoomProcesses.FindAsync(healthy.RoomId)));
    }

    [Fact]
    public async Task A_room_that_never_speaks_fails_the_startup_gate_and_its_process_is_killed()
    {
        await using var cluster = new Cluster();
        var server = await cluster.StartServerAsync(o =>
        {
            o.RoomStartupTimeout = TimeSpan.FromSeconds(2);
            o.Rooms["silent"] = Cluster.TestRoom("silent", killTimeout: TimeSpan.FromMilliseconds(500));
        });

        var creating = cluster.Sdk.CreateRoomAsync("silent", server.ServerId, timeout: Cluster.Patience);
        var roomId = await PendingRoomIdAsync(cluster);
        var process = await RoomProcesses.FindAsync(roomId);

        var failure = await Assert.ThrowsAsync<RoomFailedException>(() => creating);
        Assert.Equal(roomId, failure.RoomId);
        Assert.Equal("room sent no notify message within 2000ms", failure.Reason);
        await RoomProcesses.ExitedAsync(process, "the silent room's process killed");
        Assert.Null(await cluster.Sdk.GetRoomAsync(roomId));
        await Wait.UntilAsync(() => server.GetRoomDetails(roomId) is null, "the server forgetting the silent room");
    }

    [Fact]
    public async Task A_room_that_exits_during_startup_fails_fast_with_its_exit_code()
    {
        await using var cluster = new Cluster();
        var server = await cluster.StartServerAsync(o =>
        {
            // Far longer than the test's patience: a failure seen in time cannot be the timeout.
            o.RoomStartupTimeout = TimeSpan.FromMinutes(5);
            o.Rooms["exit"] = Cluster.TestRoom("exit");
        });

        var failure = await Assert.ThrowsAsync<RoomFailedException>(() => cluster.Sdk.CreateRoomAsync("exit", server.ServerId, timeout: TimeSpan.FromMinutes(5)));

        Assert.Equal("room process exited during startup (code 3)", failure.Reason);
        Assert.Null(await cluster.Sdk.GetRoomAsync(failure.RoomId));
        await Wait.UntilAsync(() => server.GetRoomDetails(failure.RoomId) is null, "the server forgetting the room");
    }

    [Fact]
    public async Task A_room_whose_creator_gave_up_before_it_was_ready_is_killed_and_leaves_no_record()
    {
        await using var cluster = new Cluster();
        var started = new List<string>();
        var server = await cluster.StartServerAsync(o =>
        {
            var inner = Cluster.TestRoom();
            o.Rooms["echo"] = Gatho.Server.Runners.RoomRunner.Create(async (context, token) =>
            {
                lock (started)
                {
                    started.Add(context.RoomId);
                }

                var stopper = await inner.StartAsync(context, token);
                return stopper.StopAsync;
            });
        });

        // A room process takes far longer than 20 ms to start: the creator gives up first. (Server.Tests holds the
        // removal push back to show the other half: a room that does report ready afterwards is refused and stopped.)
        var timeout = await Assert.ThrowsAsync<RoomTimeoutException>(() => cluster.Sdk.CreateRoomAsync("echo", server.ServerId, timeout: TimeSpan.FromMilliseconds(20)));

        await Wait.UntilAsync(() => { lock (started) { return started.Contains(timeout.RoomId); } }, "the room started anyway");
        // Forgotten only after its runner returned and the process exited (the startup gate saw the exit).
        await Wait.UntilAsync(() => server.GetRoomDetails(timeout.RoomId) is null, "the unwanted room stopped and forgotten");
        await Wait.UntilAsync(() => cluster.LiveRoomProcesses().Count == 0, "no room process left");
        Assert.Null(await cluster.Sdk.GetRoomAsync(timeout.RoomId));
        Assert.Empty(await cluster.Sdk.GetRoomsAsync());
    }

    private static async Task<string> PendingRoomIdAsync(Cluster cluster)
    {
        string? id = null;
        await Wait.UntilAsync(async () => (id = (await cluster.Sdk.GetRoomsAsync()).SingleOrDefault()?.RoomId) is not null, "the room recorded");
        return id!;
    }
}
