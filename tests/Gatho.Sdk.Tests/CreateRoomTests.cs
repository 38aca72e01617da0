using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Gatho.Drivers.Errors;
using Gatho.Drivers.Events;
using Gatho.Drivers.Model;
using Gatho.Protocol.Errors;
using Gatho.Sdk.Tests.Support;

namespace Gatho.Sdk.Tests;

public sealed class CreateRoomTests : SdkTestBase
{
    [Fact]
    public async Task CreateRoom_returns_the_running_room_once_its_server_reports_ready()
    {
        var server = await StartServerAsync("server-1");

        var room = await Bounded(Sdk.CreateRoomAsync("chat", "server-1", "{\"name\":\"lobby\"}", Tags(("mode", "casual"))));

        Assert.True(Guid.TryParse(room.RoomId, out _));
        Assert.Equal((RoomStatus.Running, "chat", "server-1"), (room.Status, room.RoomType, room.ServerId));
        Assert.StartsWith("ws://127.0.0.1:", room.Endpoint);
        Assert.Equal("{\"name\":\"lobby\"}", room.DataJson);
        Assert.Equal("casual", room.Tags["mode"]);
        Assert.Equal(RoomStatus.Running, (await Sdk.GetRoomAsync(room.RoomId))!.Status);
        Assert.Equal(new RoomAssignedEvent(room.RoomId, "chat", "{\"name\":\"lobby\"}"), await server.NextEventAsync());
    }

    [Fact]
    public async Task CreateRoom_registers_with_a_ttl_of_the_timeout_rounded_up_plus_ten_seconds()
    {
        var (driver, recorder) = RecordingDriver.Wrap(Driver);
        var sdk = new GathoSdk(driver);
        await StartServerAsync("server-1");

        await Bounded(sdk.CreateRoomAsync("chat", "server-1", timeout: TimeSpan.FromTicks(TimeSpan.TicksPerSecond * 3 + 1)));

        var registration = Assert.IsType<RoomRegistration>(Assert.Single(recorder.CallsTo(nameof(Driver.RegisterRoomAsync)))[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(13_001), registration.Ttl);
        Assert.Equal(["WaitForRoomAsync", "RegisterRoomAsync"], recorder.Calls.Select(call => call.Method).Where(name => name is "WaitForRoomAsync" or "RegisterRoomAsync"));
    }

    [Fact]
    public async Task CreateRoom_times_out_removes_the_record_and_a_late_ready_is_refused()
    {
        var server = await StartServerAsync("server-1");
        server.OnAssigned = AssignmentOutcome.Ignore;

        var creating = Sdk.CreateRoomAsync("chat", "server-1", timeout: TimeSpan.FromSeconds(2));
        var roomId = (await server.NextEventAsync()).RoomId;
        Clock.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<RoomTimeoutException>(() => Bounded(creating));
        Assert.Equal((roomId, TimeSpan.FromSeconds(2)), (error.RoomId, error.Timeout));
        Assert.Null(await Sdk.GetRoomAsync(roomId));
        Assert.Equal(new RoomRemovedEvent(roomId), await server.NextEventAsync());
        Assert.False(await Driver.RoomReadyAsync(roomId, "ws://127.0.0.1:40000", "late-secret"));
        Assert.Empty(await Sdk.GetRoomsAsync());
    }

    [Fact]
    public async Task CreateRoom_propagates_the_servers_failure_reason_and_leaves_no_record()
    {
        var server = await StartServerAsync("server-1");
        server.OnAssigned = AssignmentOutcome.Fail;

        var error = await Assert.ThrowsAsync<RoomFailedException>(() => Bounded(Sdk.CreateRoomAsync("chat", "server-1")));

        Assert.Equal("subprocess spawn failed: exec format error", error.Reason);
        Assert.Equal("room-failed", error.Code);
        Assert.Null(await Sdk.GetRoomAsync(error.RoomId));
    }

    [Fact]
    public async Task CreateRoom_on_an_unknown_server_throws_ServerNotFound_without_unobserved_task_exceptions()
    {
        var unobserved = new ConcurrentQueue<Exception>();
        void Record(object? sender, UnobservedTaskExceptionEventArgs e) => unobserved.Enqueue(e.Exception);
        TaskScheduler.UnobservedTaskException += Record;
        try
        {
            var wait = await FailCreateOnUnknownServerAsync();

            // A faulted task nobody observed raises the event from its finalizer, so collect it for real. Thread-pool
            // work that still holds it (a continuation or timer callback not yet run on a loaded machine) lets go
            // shortly, so keep collecting for a bounded while rather than five times in a row.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (wait.IsAlive && DateTime.UtcNow < deadline)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                if (wait.IsAlive)
                {
                    await Task.Delay(20);
                }
            }

            Assert.False(wait.IsAlive, "the wait task was not collected, so this test proved nothing");
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Record;
        }

        Assert.Empty(unobserved);
        Assert.Empty(await Sdk.GetRoomsAsync());
    }

    [Fact]
    public async Task CreateRoom_with_bad_input_throws_the_specific_error_and_writes_nothing()
    {
        var server = await StartServerAsync("server-1");

        await Assert.ThrowsAsync<InvalidTagException>(() => Bounded(Sdk.CreateRoomAsync("chat", "server-1", tags: Tags(("_gatho", "x")))));
        await Assert.ThrowsAsync<ArgumentException>(() => Bounded(Sdk.CreateRoomAsync("chat", "server-1", dataJson: "[1]")));
        await Assert.ThrowsAsync<PayloadTooLargeException>(() => Bounded(Sdk.CreateRoomAsync("chat", "server-1", dataJson: $"{{\"d\":\"{new string('x', 70_000)}\"}}")));
        var timeout = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Bounded(Sdk.CreateRoomAsync("chat", "server-1", timeout: TimeSpan.FromSeconds(-1))));
        Assert.Equal(TimeSpan.FromSeconds(-1), timeout.ActualValue);

        Assert.Empty(await Sdk.GetRoomsAsync());
        var marker = await Bounded(Sdk.CreateRoomAsync("chat", "server-1"));
        Assert.Equal(marker.RoomId, (await server.NextEventAsync()).RoomId); // nothing was assigned before the marker
    }

    [Fact]
    public async Task A_cancelled_CreateRoom_removes_its_record()
    {
        var server = await StartServerAsync("server-1");
        server.OnAssigned = AssignmentOutcome.Ignore;
        using var cancellation = new CancellationTokenSource();

        var creating = Sdk.CreateRoomAsync("chat", "server-1", cancellationToken: cancellation.Token);
        var roomId = (await server.NextEventAsync()).RoomId;
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bounded(creating));
        Assert.Null(await Sdk.GetRoomAsync(roomId));
    }

    [Fact]
    public async Task DestroyRoom_pushes_RoomRemoved_to_the_owning_server()
    {
        var server = await StartServerAsync("server-1");
        var other = await StartServerAsync("server-2");
        var room = await Bounded(Sdk.CreateRoomAsync("chat", "server-1"));
        await server.NextEventAsync(); // the assignment

        Assert.True(await Sdk.DestroyRoomAsync(room.RoomId));

        Assert.Equal(new RoomRemovedEvent(room.RoomId), await server.NextEventAsync());
        Assert.Null(await Sdk.GetRoomAsync(room.RoomId));
        Assert.False(await Sdk.DestroyRoomAsync(room.RoomId));
        var marker = await Bounded(Sdk.CreateRoomAsync("chat", "server-2"));
        Assert.Equal(new RoomAssignedEvent(marker.RoomId, "chat", "{}"), await other.NextEventAsync()); // server-2 saw nothing else
    }

    /// <summary>Runs a failing create and returns a weak handle on the driver's wait task, settled but untouched.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<WeakReference> FailCreateOnUnknownServerAsync()
    {
        var (driver, recorder) = RecordingDriver.Wrap(Driver);
        var error = await Assert.ThrowsAsync<ServerNotFoundException>(() => Bounded(new GathoSdk(driver).CreateRoomAsync("chat", "ghost-server")));
        Assert.Equal("ghost-server", error.ServerId);
        var wait = (Task)recorder.Results.Single(result => result.Method == nameof(Driver.WaitForRoomAsync)).Result!;

        // WhenAny waits for it to settle without observing its exception.
        await Task.WhenAny(wait).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(wait.IsFaulted);
        return new WeakReference(wait);
    }
}
