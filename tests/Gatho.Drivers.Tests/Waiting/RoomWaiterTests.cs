using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Drivers.Tests.Support;
using Gatho.Drivers.Waiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gatho.Drivers.Tests.Waiting;

// gatho-behaviour §8.5 and §11 wait-for-room / room-failed, with scripted reads and signals.
public sealed class RoomWaiterTests
{
    private const string RoomId = "room-1";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider clock = new();
    private readonly FakeRoomSource source = new();
    private readonly RecordingLogger logger = new();
    private readonly RoomWaiter waiter;

    public RoomWaiterTests()
    {
        waiter = new RoomWaiter(source.ReadAsync, source.SubscribeAsync, clock, logger);
    }

    [Fact]
    public async Task A_miss_before_registration_completed_is_ignored()
    {
        var registration = new TaskCompletionSource();
        var waiting = waiter.WaitAsync(RoomId, Wait, registration.Task, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True(source.Reads >= 3);
        Assert.False(waiting.IsCompleted);

        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Running);
        registration.SetResult();

        Assert.Equal(RoomStatus.Running, (await Bounded(waiting)).Status);
    }

    [Fact]
    public async Task A_miss_after_registration_completed_fails_with_record_removed()
    {
        var waiting = waiter.WaitAsync(RoomId, Wait, Task.CompletedTask, CancellationToken.None);

        var error = await Assert.ThrowsAsync<RoomFailedException>(() => Bounded(waiting));

        Assert.Equal((RoomId, "room record removed"), (error.RoomId, error.Reason));
    }

    [Fact]
    public async Task A_pending_registration_ends_in_a_timeout_not_a_failure()
    {
        var waiting = waiter.WaitAsync(RoomId, Wait, new TaskCompletionSource().Task, CancellationToken.None);

        clock.Advance(Wait);

        var error = await Assert.ThrowsAsync<RoomTimeoutException>(() => Bounded(waiting));
        Assert.Equal((RoomId, Wait), (error.RoomId, error.Timeout));
    }

    [Fact]
    public async Task Polling_settles_the_wait_without_any_signal()
    {
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Requested);
        var waiting = waiter.WaitAsync(RoomId, Wait, Task.CompletedTask, CancellationToken.None);
        Assert.NotNull(source.Signal); // the fake subscribes synchronously unless gated
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Running);
        Assert.False(waiting.IsCompleted);

        clock.Advance(RoomWaiter.PollInterval);

        Assert.Equal(RoomStatus.Running, (await Bounded(waiting)).Status);
    }

    [Fact]
    public async Task A_ready_signal_triggers_a_read_at_once()
    {
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Requested);
        var waiting = waiter.WaitAsync(RoomId, Wait, Task.CompletedTask, CancellationToken.None);
        Assert.NotNull(source.Signal); // the fake subscribes synchronously unless gated

        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Running);
        source.Signal!(RoomSignal.Ready);

        Assert.Equal(RoomStatus.Running, (await Bounded(waiting)).Status);
    }

    [Fact]
    public async Task A_failed_signal_carries_the_servers_reason()
    {
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Requested);
        var waiting = waiter.WaitAsync(RoomId, Wait, Task.CompletedTask, CancellationToken.None);
        Assert.NotNull(source.Signal); // the fake subscribes synchronously unless gated

        source.Signal!(RoomSignal.Failed("room sent no notify message within 30000ms"));

        var error = await Assert.ThrowsAsync<RoomFailedException>(() => Bounded(waiting));
        Assert.Equal("room sent no notify message within 30000ms", error.Reason);
    }

    [Fact]
    public async Task A_ready_signal_for_a_missing_record_fails_with_RoomStart()
    {
        var registration = new TaskCompletionSource();
        var waiting = waiter.WaitAsync(RoomId, Wait, registration.Task, CancellationToken.None);
        Assert.NotNull(source.Signal); // the fake subscribes synchronously unless gated

        source.Signal!(RoomSignal.Ready);

        var error = await Assert.ThrowsAsync<RoomStartException>(() => Bounded(waiting));
        Assert.Equal(("room-start-failed", RoomId), (error.Code, error.RoomId));
    }

    [Fact]
    public async Task A_registration_error_is_rethrown_as_is()
    {
        var registration = new TaskCompletionSource();
        var waiting = waiter.WaitAsync(RoomId, Wait, registration.Task, CancellationToken.None);

        registration.SetException(new ServerNotFoundException("server-9"));

        Assert.Equal("server-9", (await Assert.ThrowsAsync<ServerNotFoundException>(() => Bounded(waiting))).ServerId);
    }

    [Fact]
    public async Task A_ready_published_before_the_subscription_is_caught_by_the_read_after_subscribing()
    {
        source.SubscribeGate = new TaskCompletionSource();
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Requested);
        var waiting = waiter.WaitAsync(RoomId, Wait, Task.CompletedTask, CancellationToken.None);

        // The room becomes running while the subscription is still being set up: nobody is there to hear its signal.
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Running);
        source.SubscribeGate.SetResult();

        Assert.Equal(RoomStatus.Running, (await Bounded(waiting)).Status);
    }

    [Fact]
    public async Task A_failed_subscription_degrades_to_polling_and_is_logged()
    {
        source.SubscribeFails = true;
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Requested);
        var waiting = waiter.WaitAsync(RoomId, Wait, Task.CompletedTask, CancellationToken.None);
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Running);

        clock.Advance(RoomWaiter.PollInterval);

        Assert.Equal(RoomStatus.Running, (await Bounded(waiting)).Status);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("polling only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_read_error_is_logged_and_retried_at_the_next_poll()
    {
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Running);
        source.SubscribeGate = new TaskCompletionSource();
        source.NextReadFailure = new IOException("connection reset");
        var waiting = waiter.WaitAsync(RoomId, Wait, new TaskCompletionSource().Task, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        clock.Advance(RoomWaiter.PollInterval);

        Assert.Equal(RoomStatus.Running, (await Bounded(waiting)).Status);
        Assert.Contains(logger.Entries, entry => entry.Exception is IOException);
    }

    [Fact]
    public async Task The_signal_subscription_is_released_when_the_wait_settles()
    {
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Requested);
        var waiting = waiter.WaitAsync(RoomId, Wait, Task.CompletedTask, CancellationToken.None);
        Assert.NotNull(source.Signal); // the fake subscribes synchronously unless gated

        clock.Advance(Wait);

        await Assert.ThrowsAsync<RoomTimeoutException>(() => Bounded(waiting));
        Assert.Equal(1, source.Unsubscribes);
    }

    [Fact]
    public async Task A_wait_that_settles_while_subscribing_abandons_the_subscription()
    {
        source.SubscribeGate = new TaskCompletionSource();
        var waiting = waiter.WaitAsync(RoomId, Wait, new TaskCompletionSource().Task, CancellationToken.None);

        clock.Advance(Wait);

        await Assert.ThrowsAsync<RoomTimeoutException>(() => Bounded(waiting));
        Assert.Null(source.Signal);
    }

    [Fact]
    public async Task Cancellation_ends_the_wait()
    {
        using var cancellation = new CancellationTokenSource();
        var waiting = waiter.WaitAsync(RoomId, Wait, new TaskCompletionSource().Task, cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bounded(waiting));
    }

    private static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task A_disposed_driver_ends_the_wait_instead_of_polling_until_the_timeout()
    {
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Requested);
        var waiting = waiter.WaitAsync(RoomId, Wait, Task.CompletedTask, CancellationToken.None);
        source.NextReadFailure = new ObjectDisposedException("MemoryDriver");

        clock.Advance(RoomWaiter.PollInterval);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Bounded(waiting));
        Assert.DoesNotContain(logger.Entries, entry => entry.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_reader_that_knows_the_room_failed_settles_the_wait_with_that_reason()
    {
        source.Room = FakeRoomSource.Record(RoomId, RoomStatus.Requested);
        var waiting = waiter.WaitAsync(RoomId, Wait, Task.CompletedTask, CancellationToken.None);
        source.NextReadFailure = new RoomFailedException(RoomId, "room process exited during startup (code 1)");

        clock.Advance(RoomWaiter.PollInterval);

        var error = await Assert.ThrowsAsync<RoomFailedException>(() => Bounded(waiting));
        Assert.Equal("room process exited during startup (code 1)", error.Reason);
        Assert.DoesNotContain(logger.Entries, entry => entry.Level >= LogLevel.Warning);
    }
}
