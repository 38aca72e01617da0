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
}
