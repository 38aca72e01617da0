using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;

namespace Gatho.Drivers.Conformance.Suite;

// WaitForRoom over the driver's own signals and reads (gatho-behaviour §8.5).
public abstract partial class DriverConformanceSuite
{
    [Fact]
    public async Task WaitForRoom_resolves_with_the_running_room_when_its_server_reports_ready()
    {
        var serverId = await RegisterServerAsync();
        var roomId = NewId("room");
        var registration = new TaskCompletionSource();
        var waiting = Driver.WaitForRoomAsync(roomId, TimeSpan.FromSeconds(10), registration.Task);
        await RegisterRoomAsync(serverId, roomId: roomId);
        registration.SetResult();
        Assert.False(waiting.IsCompleted);

        await Driver.RoomReadyAsync(roomId, EndpointOf(roomId), SecretOf(roomId));

        var room = await Bounded(waiting);
        Assert.Equal((roomId, RoomStatus.Running, EndpointOf(roomId)), (room.RoomId, room.Status, room.Endpoint));
    }

    [Fact]
    public async Task WaitForRoom_resolves_at_once_for_a_room_that_is_already_running()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);

        var room = await Bounded(Driver.WaitForRoomAsync(roomId, TimeSpan.FromSeconds(10), Task.CompletedTask));

        Assert.Equal(RoomStatus.Running, room.Status);
    }

    [Fact]
    public async Task WaitForRoom_times_out_with_RoomTimeout_naming_the_room_and_the_wait()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId);
        var waiting = Driver.WaitForRoomAsync(roomId, TimeSpan.FromSeconds(2), Task.CompletedTask);

        await AdvanceTimeAsync(TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<RoomTimeoutException>(() => Bounded(waiting));
        Assert.Equal((roomId, TimeSpan.FromSeconds(2), "room-timeout"), (error.RoomId, error.Timeout, error.Code));
        Assert.Equal($"room {roomId} did not become running within 2000ms", error.Message);
    }

    [Fact]
    public async Task WaitForRoom_fails_with_the_reason_the_server_reported()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId);
        var waiting = Driver.WaitForRoomAsync(roomId, TimeSpan.FromSeconds(10), Task.CompletedTask);

        await Driver.RoomFailureAsync(roomId, "room process exited during startup (code 1)");

        var error = await Assert.ThrowsAsync<RoomFailedException>(() => Bounded(waiting));
        Assert.Equal((roomId, "room process exited during startup (code 1)", "room-failed"), (error.RoomId, error.Reason, error.Code));
        Assert.Equal($"room {roomId} failed to start: room process exited during startup (code 1)", error.Message);
    }

    [Fact]
    public async Task WaitForRoom_fails_with_the_registration_error()
    {
        var registration = new TaskCompletionSource();
        var waiting = Driver.WaitForRoomAsync("room-1", TimeSpan.FromSeconds(10), registration.Task);

        registration.SetException(new ServerNotFoundException("server-x"));

        var error = await Assert.ThrowsAsync<ServerNotFoundException>(() => Bounded(waiting));
        Assert.Equal("server-x", error.ServerId);
    }

    [Fact]
    public async Task WaitForRoom_fails_when_the_record_disappears_after_registration()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId);
        var waiting = Driver.WaitForRoomAsync(roomId, TimeSpan.FromSeconds(10), Task.CompletedTask);

        await Driver.UnregisterRoomAsync(roomId);
        await AdvanceTimeAsync(TimeSpan.FromSeconds(1.5));

        var error = await Assert.ThrowsAsync<RoomFailedException>(() => Bounded(waiting));
        Assert.Equal(RoomFailedException.RecordRemovedReason, error.Reason);
    }

    [Fact]
    public async Task WaitForRoom_ignores_misses_while_registration_is_pending_and_then_times_out()
    {
        var waiting = Driver.WaitForRoomAsync("room-not-yet", TimeSpan.FromSeconds(3), new TaskCompletionSource().Task);

        await AdvanceTimeAsync(TimeSpan.FromSeconds(4));

        var error = await Assert.ThrowsAsync<RoomTimeoutException>(() => Bounded(waiting));
        Assert.Equal("room-not-yet", error.RoomId);
    }

    [Fact]
    public async Task WaitForRoom_stops_when_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var waiting = Driver.WaitForRoomAsync("room-1", TimeSpan.FromSeconds(10), new TaskCompletionSource().Task, cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bounded(waiting));
    }

    [Fact]
    public async Task WaitForRoom_refuses_a_non_positive_timeout()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Driver.WaitForRoomAsync("room-1", TimeSpan.Zero, Task.CompletedTask));

        Assert.Equal(TimeSpan.Zero, error.ActualValue);
    }
}
