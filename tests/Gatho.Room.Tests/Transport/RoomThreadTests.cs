using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Transport;

// DESIGN D4: all callbacks of a room run one at a time, in arrival order, while sockets are read concurrently.
public class RoomThreadTests
{
    [Fact]
    public async Task Callbacks_from_many_sockets_never_overlap_and_keep_per_client_order()
    {
        const int clients = 8;
        const int perClient = 300;
        var inside = 0;
        var overlaps = 0;
        var counter = 0; // deliberately not interlocked: the room thread is the only writer
        var order = new Dictionary<string, List<int>>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new RoomCallbacks
        {
            OnMessage = (room, client, message) =>
            {
                if (Interlocked.Increment(ref inside) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                if (!order.TryGetValue(client.Id, out var list))
                {
                    order[client.Id] = list = new List<int>();
                }

                list.Add(int.Parse(message.Text!, System.Globalization.CultureInfo.InvariantCulture));
                var seen = counter;
                Thread.SpinWait(200);
                counter = seen + 1;
                Interlocked.Decrement(ref inside);
                if (counter == clients * perClient)
                {
                    done.TrySetResult();
                }
            },
        };
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), behavior);
        var sockets = new List<WireClient>();
        for (var i = 0; i < clients; i++)
        {
            var socket = await WireClient.ConnectAsync(host.Url + "?gv=2");
            await socket.SessionAsync();
            sockets.Add(socket);
        }

        await Task.WhenAll(sockets.Select(async socket =>
        {
            for (var n = 0; n < perClient; n++)
            {
                await socket.SendTextAsync(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }));
        await done.Task.WaitAsync(WireClient.Patience);
        Assert.Equal(0, overlaps);
        Assert.Equal(clients * perClient, counter);
        Assert.All(order.Values, list => Assert.Equal(Enumerable.Range(0, perClient), list));
        foreach (var socket in sockets)
        {
            await socket.DisposeAsync();
        }
    }

    [Fact]
    public async Task Await_inside_a_callback_resumes_on_the_room_thread_and_lets_other_clients_callbacks_run_meanwhile()
    {
        // Another client's handler runs while one awaits (D4); one client's own handlers stay in order (issue 17, defect 7).
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
                    log.Add("resumed-on-room-thread:" + (SynchronizationContext.Current is not null));
                }

                log.Add("end:" + message.Text);
            },
        };
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), behavior);
        await using var client = await WireClient.ConnectAsync(host.Url + "?gv=2");
        await client.SessionAsync();
        await using var other = await WireClient.ConnectAsync(host.Url + "?gv=2");
        await other.SessionAsync();
        await client.SendTextAsync("slow");
        await log.WaitAsync("start:slow");
        await other.SendTextAsync("fast");
        await log.WaitAsync("end:fast");
        gate.SetResult();
        await log.WaitAsync("end:slow");
        Assert.Equal(new[] { "start:slow", "start:fast", "end:fast", "resumed-on-room-thread:True", "end:slow" }, log.Entries);
    }

    [Fact]
    public async Task Send_from_another_thread_is_marshalled_onto_the_room_thread()
    {
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), new RoomCallbacks());
        await using var client = await WireClient.ConnectAsync(host.Url + "?gv=2");
        var session = await client.SessionAsync();
        var handle = host.Room.Clients.Get(session.ClientId)!;
        await Task.Run(() =>
        {
            handle.Send("from a worker");
            host.Room.Broadcast("also from a worker");
        });
        Assert.Equal("from a worker", await client.TextAsync());
        Assert.Equal("also from a worker", await client.TextAsync());
    }
}
