using Gatho.Protocol.Messages;
using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Transport;

// gatho-behaviour §11 room-auth-identity, over real sockets.
public class AuthIdentityTests
{
    private static RoomCallbacks Logged(EventLog log, Func<IRoom, AuthRequest, ValueTask<AuthResult>>? auth = null, Action<IRoom, IRoomClient, int>? drop = null) => new()
    {
        OnAuthAsync = auth ?? ((room, request) => new ValueTask<AuthResult>(AuthResult.Ok())),
        OnJoin = (room, client) => log.Add("join:" + client.Id),
        OnMessage = (room, client, message) => log.Add($"message:{client.Id}:{message.Text}"),
        OnDrop = drop ?? ((room, client, code) => log.Add($"drop:{client.Id}")),
        OnLeave = (room, client) => log.Add("leave:" + client.Id),
    };

    [Fact]
    public async Task Duplicate_client_id_with_a_live_socket_is_refused_and_the_original_is_untouched()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Managed(), Logged(log));
        await using var original = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "alice")));
        await original.SessionAsync();

        await using var duplicate = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "alice")));
        Assert.Equal("seat already in use", (await duplicate.ProtocolAsync<AuthErrorMessage>()).Error);
        var closed = await duplicate.ClosedAsync();
        Assert.Equal((4000, "seat already in use"), (closed.Code, closed.Reason));

        // The duplicate was never subscribed; the original still gets broadcasts and can talk.
        await host.Room.Post(() => { host.Room.Broadcast("after"); return Task.CompletedTask; });
        Assert.Equal("after", await original.TextAsync());
        await original.SendTextAsync("still here");
        await log.WaitAsync("message:alice:still here");
        Assert.Equal(0, log.Count("leave:alice"));
        Assert.Equal(1, log.Count("join:alice"));
    }

    [Fact]
    public async Task Duplicate_client_id_during_a_reconnection_window_is_refused()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Managed(), Logged(log, drop: (room, client, code) => { client.AllowReconnection(TimeSpan.FromMinutes(1)); log.Add("drop:" + client.Id); }));
        await using (var original = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "alice"))))
        {
            await original.SessionAsync();
            original.Kill();
        }

        await log.WaitAsync("drop:alice");
        await using var duplicate = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "alice")));
        Assert.Equal("seat already in use", (await duplicate.ProtocolAsync<AuthErrorMessage>()).Error);
        Assert.Equal(4000, (await duplicate.ClosedAsync()).Code);
        Assert.True(host.Room.Clients.Has("alice"));
    }

    [Fact]
    public async Task No_broadcast_reaches_a_socket_before_on_auth_resolves()
    {
        var log = new EventLog();
        var release = new TaskCompletionSource<AuthResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Logged(log, auth: async (room, request) =>
        {
            log.Add("auth-started");
            return await release.Task;
        }));
        await using var client = await WireClient.ConnectAsync(host.Url + "?gv=2");
        await log.WaitAsync("auth-started");

        // While OnAuth awaits, the room thread keeps running other work (JavaScript semantics), so this broadcast runs now.
        await host.Room.Post(() => { host.Room.Broadcast("too early"); return Task.CompletedTask; });
        release.SetResult(AuthResult.Ok());
        await client.SessionAsync();
        await host.Room.Post(() => { host.Room.Broadcast("welcome"); return Task.CompletedTask; });
        Assert.Equal("welcome", await client.TextAsync());
    }

    [Fact]
    public async Task Failed_auth_sends_the_reason_closes_4000_and_never_subscribes()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Logged(log, auth: (room, request) => new ValueTask<AuthResult>(AuthResult.Fail("room is full"))));
        await using var client = await WireClient.ConnectAsync(host.Url + "?gv=1");
        Assert.Equal("room is full", (await client.ProtocolAsync<AuthErrorMessage>()).Error);
        var closed = await client.ClosedAsync();
        Assert.Equal((4000, "auth rejected"), (closed.Code, closed.Reason));
        Assert.Empty(host.Room.Clients);
        Assert.DoesNotContain(log.Entries, e => e.StartsWith("join:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_auth_throwing_gives_internal_error_and_1011_and_the_room_carries_on()
    {
        var log = new EventLog();
        var calls = 0;
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Logged(log, auth: (room, request) =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("boom") : new ValueTask<AuthResult>(AuthResult.Ok())));
        await using (var first = await WireClient.ConnectAsync(host.Url + "?gv=1"))
        {
            Assert.Equal("internal error", (await first.ProtocolAsync<AuthErrorMessage>()).Error);
            var closed = await first.ClosedAsync();
            Assert.Equal((1011, "internal error"), (closed.Code, closed.Reason));
        }

        await using var second = await WireClient.ConnectAsync(host.Url + "?gv=1");
        await second.SessionAsync();
    }

    [Fact]
    public async Task Reconnect_while_on_drop_is_still_awaiting_prevents_eviction()
    {
        var log = new EventLog();
        var finishDrop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new RoomCallbacks
        {
            OnDropAsync = async (room, client, code) =>
            {
                log.Add("drop-started:" + client.Id);
                await finishDrop.Task;
                log.Add("drop-finished:" + client.Id);
            },
            OnReconnect = (room, client) => log.Add("reconnect:" + client.Id),
            OnLeave = (room, client) => log.Add("leave:" + client.Id),
        };
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), behavior);
        var first = await WireClient.ConnectAsync(host.Url + "?gv=1");
        var session = await first.SessionAsync();
        first.Kill();
        await first.DisposeAsync();
        await log.WaitAsync("drop-started:" + session.ClientId);

        await using var resumed = await WireClient.ConnectAsync(host.Url + $"?session={session.Token}&gv=1");
        Assert.Equal(session.ClientId, (await resumed.SessionAsync()).ClientId);
        await log.WaitAsync("reconnect:" + session.ClientId);
        finishDrop.SetResult();
        await log.WaitAsync("drop-finished:" + session.ClientId);
        await host.Room.Post(() => Task.CompletedTask);
        Assert.Equal(0, log.Count("leave:" + session.ClientId));
        Assert.True(host.Room.Clients.Get(session.ClientId)!.IsConnected);
    }

    [Fact]
    public async Task Eviction_after_on_drop_fires_on_leave_exactly_once()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Logged(log));
        var client = await WireClient.ConnectAsync(host.Url + "?gv=1");
        var session = await client.SessionAsync();
        client.Kill();
        await client.DisposeAsync();
        await log.WaitAsync("leave:" + session.ClientId);
        await host.Room.Post(() => Task.CompletedTask);
        Assert.Equal(1, log.Count("leave:" + session.ClientId));
        Assert.Equal(1, log.Count("drop:" + session.ClientId));
        Assert.Empty(host.Room.Clients);
    }

    [Fact]
    public async Task Auth_data_flows_to_join_and_leave()
    {
        var log = new EventLog();
        var behavior = new RoomCallbacks
        {
            OnAuth = (room, request) => AuthResult.Ok(request.GetString("displayName", "anonymous")),
            OnJoin = (room, client) => log.Add("join:" + client.DataAs<string>()),
            OnLeave = (room, client) => log.Add("leave:" + client.DataAs<string>()),
        };
        await using var host = await TestRooms.StartAsync(TestRooms.Managed(), behavior);
        await using var client = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "c1", "{\"displayName\":\"Ada\"}")));
        await client.SessionAsync();
        await log.WaitAsync("join:Ada");
        await client.LeaveAsync();
        await log.WaitAsync("leave:Ada");
    }
}
