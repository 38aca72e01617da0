using Gatho.Drivers.Events;
using Gatho.Drivers.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Gatho.Drivers.Tests.Events;

public sealed class ServerEventQueueTests
{
    private static readonly TimeSpan UpperBound = TimeSpan.FromSeconds(10);
    private readonly RecordingLogger logger = new();

    [Fact]
    public async Task Events_are_delivered_one_at_a_time_in_posting_order()
    {
        var delivered = new List<string>();
        var all = new TaskCompletionSource();
        var concurrent = 0;
        var overlapped = false;
        await using var queue = new ServerEventQueue("server-1", async serverEvent =>
        {
            overlapped |= Interlocked.Increment(ref concurrent) > 1;
            await Task.Yield();
            delivered.Add(serverEvent.RoomId);
            Interlocked.Decrement(ref concurrent);
            if (delivered.Count == 200)
            {
                all.SetResult();
            }
        }, logger);

        for (var i = 0; i < 200; i++)
        {
            Assert.True(queue.Post(new RoomRemovedEvent($"room-{i}")));
        }

        await all.Task.WaitAsync(UpperBound);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"room-{i}"), delivered);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task A_throwing_handler_is_logged_and_the_next_event_still_arrives()
    {
        var second = new TaskCompletionSource<ServerEvent>();
        await using var queue = new ServerEventQueue("server-1", serverEvent =>
        {
            if (serverEvent.RoomId == "room-1")
            {
                throw new InvalidOperationException("handler bug");
            }

            second.SetResult(serverEvent);
            return ValueTask.CompletedTask;
        }, logger);

        queue.Post(new RoomRemovedEvent("room-1"));
        queue.Post(new RoomRemovedEvent("room-2"));

        Assert.Equal("room-2", (await second.Task.WaitAsync(UpperBound)).RoomId);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.IsType<InvalidOperationException>(entry.Exception);
        Assert.Contains("server-1", entry.Message);
    }

    [Fact]
    public async Task Disposing_drops_undelivered_events_and_refuses_new_ones()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var delivered = new List<string>();
        var queue = new ServerEventQueue("server-1", async serverEvent =>
        {
            delivered.Add(serverEvent.RoomId);
            started.TrySetResult();
            await release.Task;
        }, logger);
        queue.Post(new RoomRemovedEvent("room-1"));
        queue.Post(new RoomRemovedEvent("room-2"));
        queue.Post(new RoomRemovedEvent("room-3"));
        await started.Task.WaitAsync(UpperBound);

        var disposing = queue.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted); // it waits for the handler call in progress
        release.SetResult();
        await disposing.WaitAsync(UpperBound);

        Assert.Equal(["room-1"], delivered);
        Assert.False(queue.Post(new RoomRemovedEvent("room-4")));
    }

    [Fact]
    public async Task A_handler_can_dispose_its_own_queue_without_deadlocking()
    {
        ServerEventQueue? queue = null;
        var disposed = new TaskCompletionSource();
        queue = new ServerEventQueue("server-1", async _ =>
        {
            await queue!.DisposeAsync();
            disposed.SetResult();
        }, logger);

        queue.Post(new RoomRemovedEvent("room-1"));

        await disposed.Task.WaitAsync(UpperBound);
        Assert.False(queue.Post(new RoomRemovedEvent("room-2")));
    }

    [Fact]
    public async Task A_full_queue_drops_new_events_with_one_warning_and_delivers_what_it_held()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var delivered = new List<string>();
        var allHeld = new TaskCompletionSource();
        await using var queue = new ServerEventQueue("server-1", async serverEvent =>
        {
            started.TrySetResult();
            await release.Task;
            delivered.Add(serverEvent.RoomId);
            if (delivered.Count == 5)
            {
                allHeld.SetResult();
            }
        }, logger, capacity: 4);

        Assert.True(queue.Post(new RoomRemovedEvent("room-0")));
        await started.Task.WaitAsync(UpperBound); // room-0 is in the handler, not in the queue
        var accepted = Enumerable.Range(1, 10).Select(i => queue.Post(new RoomRemovedEvent($"room-{i}"))).ToList();

        Assert.Equal([true, true, true, true, false, false, false, false, false, false], accepted);
        Assert.Equal(6, queue.Dropped);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("server-1", warning.Message);
        Assert.Contains("4 events", warning.Message);

        release.SetResult();
        await allHeld.Task.WaitAsync(UpperBound);
        Assert.Equal(["room-0", "room-1", "room-2", "room-3", "room-4"], delivered);
        Assert.True(queue.Post(new RoomRemovedEvent("room-11"))); // room again once the handler caught up
    }

    [Fact]
    public void A_capacity_below_one_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ServerEventQueue("server-1", _ => ValueTask.CompletedTask, logger, capacity: 0));
        Assert.Equal("capacity", error.ParamName);
    }
}
