using Gatho.Room.Testing;

namespace Gatho.Room.Tests.Dispatch;

// Issue 17, defect 7: one client's async handlers run one at a time, in order, and a message's inbound slot is freed
// only when its handler completed, so a flood against an async handler is back-pressured instead of fanned out.
public class HandlerOrderTests
{
    [Fact]
    public async Task A_clients_next_handler_starts_only_after_the_previous_one_completed_across_an_await()
    {
        var log = new EventLog();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var most = 0;
        var behavior = new RoomCallbacks
        {
            OnMessageAsync = async (room, client, message) =>
            {
                most = Math.Max(most, ++inFlight);
                log.Add("start:" + message.Text);
                if (message.Text == "slow")
                {
                    await gate.Task;
                }

                await Task.Yield();
                log.Add("end:" + message.Text);
                inFlight--;
            },
        };
        await using var host = await RoomTestHost.StartAsync(behavior);
        var client = await host.ConnectAsync("a");
        await client.SendAsync("slow");
        for (var i = 0; i < 10; i++)
        {
            await client.SendAsync("m" + i);
        }

        Assert.Equal(new[] { "start:slow" }, log.Entries);
        Assert.Equal(0, client.MessagesProcessed);

        gate.SetResult();
        await log.WaitAsync("end:m9");
        var expected = new List<string> { "start:slow", "end:slow" };
        for (var i = 0; i < 10; i++)
        {
            expected.Add("start:m" + i);
            expected.Add("end:m" + i);
        }

        Assert.Equal(expected, log.Entries);
        Assert.Equal(1, most);
        await host.IdleAsync();
        Assert.Equal(11, client.MessagesProcessed);
    }

    [Fact]
    public async Task A_leave_waits_for_the_messages_sent_before_it()
    {
        var log = new EventLog();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new RoomCallbacks
        {
            OnMessageAsync = async (room, client, message) =>
            {
                await gate.Task;
                log.Add("message:" + message.Text);
            },
            OnLeave = (room, client) => log.Add("leave:" + client.Id),
        };
        await using var host = await RoomTestHost.StartAsync(behavior);
        var client = await host.ConnectAsync("a");
        await client.SendAsync("last words");
        await client.LeaveAsync();
        Assert.Empty(log.Entries);
        gate.SetResult();
        await log.WaitAsync("leave:a");
        Assert.Equal(new[] { "message:last words", "leave:a" }, log.Entries);
    }

    // Found by the abuse suite: a client evicted by the room (here Disconnect; the suite's never-reader was evicted as
    // too slow) kept getting OnMessage for the messages already queued behind its handler, after its OnLeave ran.
    [Fact]
    public async Task Messages_queued_behind_a_handler_are_dropped_once_the_room_evicts_their_client()
    {
        var log = new EventLog();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new RoomCallbacks
        {
            OnMessageAsync = async (room, client, message) =>
            {
                log.Add("start:" + message.Text);
                if (message.Text == "slow")
                {
                    await gate.Task;
                }
            },
            OnLeave = (room, client) => log.Add("leave:" + client.Id),
        };
        await using var host = await RoomTestHost.StartAsync(behavior);
        var client = await host.ConnectAsync("a");
        await client.SendAsync("slow");
        for (var i = 0; i < 5; i++)
        {
            await client.SendAsync("m" + i);
        }

        await log.WaitAsync("start:slow");
        await host.Room.Post(() =>
        {
            host.Room.Clients.Get("a")!.Disconnect();
            return Task.CompletedTask;
        });
        await log.WaitAsync("leave:a");
        gate.SetResult();
        await host.IdleAsync();
        Assert.Equal(new[] { "start:slow", "leave:a" }, log.Entries);
    }
}
