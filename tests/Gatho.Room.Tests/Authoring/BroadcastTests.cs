using Gatho.Room.Testing;
using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Authoring;

// gatho-behaviour §11 room-broadcast-except and room-clients-iterable, in memory and over sockets.
public class BroadcastTests
{
    private static RoomCallbacks Holding() => new() { OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromMinutes(1)) };

    [Fact]
    public async Task Broadcast_without_except_reaches_everyone()
    {
        await using var host = await RoomTestHost.StartAsync(Holding());
        var clients = new[] { await host.ConnectAsync("a"), await host.ConnectAsync("b"), await host.ConnectAsync("c") };
        await host.Room.Post(() => { host.Room.Broadcast("all"); return Task.CompletedTask; });
        Assert.All(clients, c => Assert.Equal(new[] { "all" }, c.ReceivedTexts));
    }

    [Fact]
    public async Task Except_single_and_several_skip_exactly_those_clients()
    {
        await using var host = await RoomTestHost.StartAsync(Holding());
        var a = await host.ConnectAsync("a");
        var b = await host.ConnectAsync("b");
        var c = await host.ConnectAsync("c");
        await host.Room.Post(() =>
        {
            host.Room.Broadcast("not-a", reliable: true, except: host.Room.Clients.Get("a"));
            host.Room.Broadcast("only-c", reliable: true, except: new[] { host.Room.Clients.Get("a")!, host.Room.Clients.Get("b")! });
            return Task.CompletedTask;
        });
        Assert.Empty(a.ReceivedTexts);
        Assert.Equal(new[] { "not-a" }, b.ReceivedTexts);
        Assert.Equal(new[] { "not-a", "only-c" }, c.ReceivedTexts);
    }

    [Fact]
    public async Task Dropped_clients_get_reliable_broadcasts_on_resume_but_not_unreliable_or_excluded_ones()
    {
        await using var host = await RoomTestHost.StartAsync(Holding());
        var a = await host.ConnectAsync("a", protocolVersion: 1);
        var b = await host.ConnectAsync("b", protocolVersion: 1);
        await a.DropAsync();
        await b.DropAsync();
        await host.Room.Post(() =>
        {
            host.Room.Broadcast("kept");
            host.Room.Broadcast("fire-and-forget", reliable: false);
            host.Room.Broadcast("not-for-a", reliable: true, except: host.Room.Clients.Get("a"));
            return Task.CompletedTask;
        });
        Assert.True(await a.ResumeAsync());
        Assert.True(await b.ResumeAsync());
        Assert.Equal(new[] { "kept" }, a.ReceivedTexts);
        Assert.Equal(new[] { "kept", "not-for-a" }, b.ReceivedTexts);
    }

    [Fact]
    public async Task A_broadcast_is_encoded_once_and_the_same_bytes_go_to_every_socket()
    {
        await using var host = await RoomTestHost.StartAsync(Holding());
        var clients = new List<TestClient>();
        for (var i = 0; i < 5; i++)
        {
            clients.Add(await host.ConnectAsync("c" + i));
        }

        await host.Room.Post(() => { host.Room.Broadcast(new byte[] { 1, 2, 3 }); return Task.CompletedTask; });
        var frames = clients.Select(c => c.LastFrameSent!).ToArray();
        Assert.All(frames, f => Assert.Same(frames[0], f));
        Assert.Equal(new byte[] { 0x02, 1, 2, 3 }, frames[0]);
    }

    [Fact]
    public async Task Unreliable_broadcast_gives_v1_clients_a_v1_frame_and_v2_clients_an_unreliable_one()
    {
        await using var host = await RoomTestHost.StartAsync(Holding());
        var v1 = await host.ConnectAsync("old", protocolVersion: 1);
        var v2 = await host.ConnectAsync("new", protocolVersion: 2);
        await host.Room.Post(() => { host.Room.Broadcast("x", reliable: false); return Task.CompletedTask; });
        Assert.Equal(0x01, v1.LastFrameSent![0]);
        Assert.Equal(0x03, v2.LastFrameSent![0]);
    }

    [Fact]
    public async Task Clients_can_be_iterated_in_join_order_and_an_empty_room_yields_nothing()
    {
        await using var host = await RoomTestHost.StartAsync(Holding());
        Assert.Empty(host.Room.Clients);
        Assert.Empty(host.Room.Clients.Ids);
        await host.ConnectAsync("x");
        await host.ConnectAsync("y");
        var dropped = await host.ConnectAsync("z");
        await dropped.DropAsync();

        var seen = new List<string>();
        foreach (var client in host.Room.Clients)
        {
            seen.Add(client.Id);
        }

        Assert.Equal(new[] { "x", "y", "z" }, seen);
        Assert.Equal(new[] { "x", "y", "z" }, host.Room.Clients.Select(c => c.Id).ToArray());
        Assert.Equal(new[] { "x", "y", "z" }, host.Room.Clients.Ids);
        Assert.Equal(3, host.Room.Clients.Count);
        Assert.True(host.Room.Clients.Has("z"));
        Assert.False(host.Room.Clients.Get("z")!.IsConnected);
        Assert.Null(host.Room.Clients.Get("nobody"));
    }

    [Fact]
    public async Task Disconnecting_while_iterating_is_safe()
    {
        await using var host = await RoomTestHost.StartAsync(Holding());
        await host.ConnectAsync("x");
        await host.ConnectAsync("y");
        await host.Room.Post(() =>
        {
            foreach (var client in host.Room.Clients)
            {
                client.Disconnect();
            }

            return Task.CompletedTask;
        });
        Assert.Empty(host.Room.Clients);
    }

    [Fact]
    public async Task Broadcast_before_start_throws()
    {
        var thrown = new TaskCompletionSource<Exception?>();
        await using var host = await RoomTestHost.StartAsync(new RoomCallbacks
        {
            OnStart = room =>
            {
                // OnStart is the first moment broadcasting is allowed.
                room.Broadcast("ok");
                thrown.SetResult(null);
            },
        });
        Assert.Null(await thrown.Task);
    }

    [Fact]
    public async Task Broadcast_over_real_sockets_reaches_every_client()
    {
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Holding());
        var clients = new List<WireClient>();
        for (var i = 0; i < 3; i++)
        {
            var client = await WireClient.ConnectAsync(host.Url + "?gv=" + (i % 2 + 1));
            await client.SessionAsync();
            clients.Add(client);
        }

        await host.Room.Post(() => { host.Room.Broadcast("hello all"); return Task.CompletedTask; });
        foreach (var client in clients)
        {
            Assert.Equal("hello all", await client.TextAsync());
            await client.DisposeAsync();
        }
    }
}
