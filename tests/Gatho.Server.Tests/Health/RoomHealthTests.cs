using Gatho.Drivers.Events;
using Gatho.Drivers.Model;
using Gatho.Protocol.Notify;
using Gatho.Server.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Gatho.Server.Tests.Health;

/// <summary>
/// What the server does about rooms that stop behaving after they started (gatho-behaviour §6.4, §7.4, §7.5, §7.7):
/// stalls, crashes, rooms the driver says run here but do not, and a driver that stops answering.
/// </summary>
public sealed class RoomHealthTests
{
    [Fact]
    public async Task A_room_that_stops_heartbeating_is_killed_after_the_stall_timeout_and_reported()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync(o => o.RoomStallTimeout = TimeSpan.FromSeconds(1));
        var (healthy, healthyHandle) = await cluster.CreateFakeAsync(server);
        await using var pump = Beats.Pump(healthyHandle);
        var (stalled, stalledHandle) = await cluster.CreateFakeAsync(server);
        await stalledHandle.SendAsync(Beats.Empty());

        await Wait.ForAsync(stalledHandle.Exited, "the stalled room killed");

        Assert.True(stalledHandle.StopperCalls >= 1, "killed through its runner's stopper, not asked nicely");
        await Wait.UntilAsync(async () => await cluster.Sdk.GetRoomAsync(stalled.RoomId) is null, "the stalled room's record removed");
        Assert.Contains((stalled.RoomId, "process stalled (heartbeat timeout)"), cluster.Driver.Failures);
        await Wait.UntilAsync(() => server.GetRoomDetails(stalled.RoomId) is null, "the server forgetting the stalled room");

        // The sweep is per room: the one that kept heartbeating is untouched.
        Assert.Equal(0, healthyHandle.StopperCalls);
        Assert.Equal(RoomStatus.Running, (await cluster.Sdk.GetRoomAsync(healthy.RoomId))!.Status);
        Assert.Single(cluster.Driver.Failures);
    }

    [Fact]
    public async Task A_room_that_crashes_after_start_is_reported_failed_and_removed()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(server);

        await handle.ExitAsync(137);

        await Wait.UntilAsync(async () => await cluster.Sdk.GetRoomAsync(room.RoomId) is null, "the crashed room's record removed");
        Assert.Contains((room.RoomId, "unexpected process exit (code 137)"), cluster.Driver.Failures);
        await Wait.UntilAsync(() => server.GetRoomDetails(room.RoomId) is null, "the server forgetting the crashed room");
        Assert.False(Directory.Exists(Path.Combine(cluster.SocketDirectory, room.RoomId)));
    }

    [Fact]
    public async Task A_room_recorded_running_here_without_a_process_is_reported_lost_after_the_grace()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync(o => o.RoomStallTimeout = TimeSpan.FromMilliseconds(500));

        // Written straight into the store between two ticks, as if this server had run it before: it never starts here.
        cluster.Driver.DropEvent = e => e is RoomAssignedEvent;
        var tick = new TickPause(cluster.Driver);
        await tick.PausedAsync();
        var roomId = Guid.NewGuid().ToString();
        await cluster.Store.RegisterRoomAsync(new RoomRegistration(roomId, "fake", server.ServerId, TimeSpan.FromMinutes(1)));
        Assert.True(await cluster.Store.RoomReadyAsync(roomId, "ws://127.0.0.1:40002/", "secret"));
        var seenAt = cluster.Driver.Heartbeats;
        tick.Release();

        // Not on first sight: a few ticks pass with the record intact, then it is reported lost.
        await Wait.UntilAsync(() => cluster.Driver.Heartbeats >= seenAt + 2, "two ticks that saw the room");
        Assert.DoesNotContain(cluster.Driver.Failures, f => f.RoomId == roomId);
        await Wait.UntilAsync(async () => await cluster.Sdk.GetRoomAsync(roomId) is null, "the lost room's record removed");
        Assert.Contains((roomId, "room process lost"), cluster.Driver.Failures);
        Assert.Equal(0, cluster.Fakes.Starts);
    }

    [Fact]
    public async Task A_failing_driver_heartbeat_is_logged_once_and_its_recovery_once()
    {
        await using var cluster = new TestCluster();
        await cluster.StartServerAsync(o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(50));

        cluster.Driver.FailHeartbeats = true;
        await Wait.UntilAsync(() => cluster.Logs.Count("driver heartbeat failing") >= 1, "the outage logged");
        var failedWhenLogged = cluster.Driver.FailedHeartbeats;
        await Wait.UntilAsync(() => cluster.Driver.FailedHeartbeats >= failedWhenLogged + 3, "three more failing ticks");
        cluster.Driver.FailHeartbeats = false;
        await Wait.UntilAsync(() => cluster.Logs.Count("driver heartbeat recovered") >= 1, "the recovery logged");
        var recovered = cluster.Driver.Heartbeats;
        await Wait.UntilAsync(() => cluster.Driver.Heartbeats >= recovered + 3, "three healthy ticks");

        Assert.Equal(1, cluster.Logs.Count("driver heartbeat failing"));
        Assert.Equal(1, cluster.Logs.Count("driver heartbeat recovered"));
        Assert.Contains(cluster.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("driver heartbeat failing", StringComparison.Ordinal));
    }
}
