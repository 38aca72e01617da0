using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Reconnection;

// gatho's reconnection behaviour over protocol v1 (gatho-behaviour §4.2–4.3; §11 integration/reconnection and browser lists).
public class V1ReconnectionTests
{
    private static RoomCallbacks Holding(EventLog log, TimeSpan? window = null) => new()
    {
        OnJoin = (room, client) => log.Add("open:" + client.Id),
        OnDrop = (room, client, code) =>
        {
            log.Add($"drop:{client.Id}:{code}");
            if (window is { } w)
            {
                client.AllowReconnection(w);
            }
        },
        OnReconnect = (room, client) => log.Add("reconnect:" + client.Id),
        OnLeave = (room, client) => log.Add("close:" + client.Id),
        OnMessage = (room, client, message) => log.Add($"message:{client.Id}:{message.Text}"),
    };

    private static async Task<(WireClient Client, SessionMessage Session)> JoinAsync(RoomHost host)
    {
        var client = await WireClient.ConnectAsync(host.Url + "?gv=1");
        return (client, await client.SessionAsync());
    }

    /// <summary>Joins over v1, kills the TCP connection, and waits until the room saw the drop (1006).</summary>
    private static async Task<SessionMessage> JoinAndKillAsync(RoomHost host, EventLog log)
    {
        var (client, session) = await JoinAsync(host);
        client.Kill();
        await client.DisposeAsync();
        await log.WaitAsync($"drop:{session.ClientId}:1006");
        return session;
    }

    [Fact]
    public async Task Network_drop_holds_the_seat_and_resume_keeps_the_client_id_with_buffered_messages_first()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Holding(log, TimeSpan.FromMinutes(1)));
        var session = await JoinAndKillAsync(host, log);

        await host.Room.Post(() =>
        {
            var held = host.Room.Clients.Get(session.ClientId)!;
            Assert.False(held.IsConnected);
            held.Send("one");
            host.Room.Broadcast("two");
            held.Send("dropped", reliable: false);
            held.Send(new byte[] { 3 });
            return Task.CompletedTask;
        });

        await using var resumed = await WireClient.ConnectAsync(host.Url + $"?token=ignored&session={session.Token}&gv=1");
        Assert.Equal("one", await resumed.TextAsync());
        Assert.Equal("two", await resumed.TextAsync());
        var bytes = await resumed.FrameAsync();
        Assert.Equal(FrameType.Binary, bytes.Type);
        Assert.Equal(new byte[] { 3 }, bytes.Payload);
        var newSession = await resumed.SessionAsync();
        Assert.Equal(session.ClientId, newSession.ClientId);
        Assert.NotEqual(session.Token, newSession.Token);
        await log.WaitAsync("reconnect:" + session.ClientId);

        await resumed.LeaveAsync();
        await log.WaitAsync("close:" + session.ClientId);
        var order = log.Entries.Where(e => e.EndsWith(session.ClientId, StringComparison.Ordinal) || e.Contains(session.ClientId + ":", StringComparison.Ordinal)).Select(e => e.Split(':')[0]);
        Assert.Equal(new[] { "open", "drop", "reconnect", "close" }, order);
    }

    [Fact]
    public async Task The_old_session_token_stops_working_after_a_resume()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Holding(log, TimeSpan.FromMinutes(1)));
        var session = await JoinAndKillAsync(host, log);
        var resumed = await WireClient.ConnectAsync(host.Url + $"?session={session.Token}&gv=1");
        await resumed.SessionAsync();
        resumed.Kill();
        await resumed.DisposeAsync();
        await log.WaitAsync(e => e.StartsWith("drop:", StringComparison.Ordinal) && log.Count($"drop:{session.ClientId}:1006") == 2, "second drop");

        await using var stale = await WireClient.ConnectAsync(host.Url + $"?session={session.Token}&gv=1");
        Assert.Equal("invalid session", (await stale.ProtocolAsync<AuthErrorMessage>()).Error);
        var closed = await stale.ClosedAsync();
        Assert.Equal((4000, "invalid session"), (closed.Code, closed.Reason));
    }

    [Fact]
    public async Task A_session_the_room_never_issued_is_refused_with_401_before_any_websocket()
    {
        // Issue 17 (pre-auth door): only sessions this room issued (live or recently revoked) get a WebSocket.
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Holding(new EventLog()));
        Assert.Equal(401, await WireClient.ExpectRefusedAsync(host.Url + "?session=0123456789abcdef0123456789abcdef&gv=1"));
    }

    [Fact]
    public async Task A_v1_session_cannot_be_resumed_while_its_socket_is_live()
    {
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Holding(new EventLog(), TimeSpan.FromMinutes(1)));
        var (client, session) = await JoinAsync(host);
        await using (client)
        {
            await using var second = await WireClient.ConnectAsync(host.Url + $"?session={session.Token}&gv=1");
            Assert.Equal("invalid session", (await second.ProtocolAsync<AuthErrorMessage>()).Error);
        }
    }

    [Fact]
    public async Task Consented_close_4000_skips_on_drop_and_leaves()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Holding(log, TimeSpan.FromMinutes(1)));
        var (client, session) = await JoinAsync(host);
        await client.CloseAsync(4000, "consented leave");
        await log.WaitAsync("close:" + session.ClientId);
        Assert.DoesNotContain(log.Entries, e => e.StartsWith("drop:", StringComparison.Ordinal));
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Without_a_reconnection_window_a_drop_is_permanent()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Holding(log, window: null));
        var (client, session) = await JoinAsync(host);
        await client.CloseAsync(1001, "tab closed");
        await log.WaitAsync("close:" + session.ClientId);
        Assert.Empty(host.Room.Clients);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Disconnect_closes_4000_evicted_and_fires_on_leave_without_on_drop()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Holding(log, TimeSpan.FromMinutes(1)));
        var (client, session) = await JoinAsync(host);
        await host.Room.Post(() => { host.Room.Clients.Get(session.ClientId)!.Disconnect(); return Task.CompletedTask; });
        var closed = await client.ClosedAsync();
        Assert.Equal((4000, "evicted"), (closed.Code, closed.Reason));
        await log.WaitAsync("close:" + session.ClientId);
        Assert.DoesNotContain(log.Entries, e => e.StartsWith("drop:", StringComparison.Ordinal));
        Assert.False(host.Room.Clients.Has(session.ClientId));
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Window_expiry_evicts_and_fires_on_leave()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Holding(log, TimeSpan.FromMilliseconds(200)));
        var (client, session) = await JoinAsync(host);
        client.Kill();
        await client.DisposeAsync();
        await log.WaitAsync("close:" + session.ClientId);
        await using var late = await WireClient.ConnectAsync(host.Url + $"?session={session.Token}&gv=1");
        Assert.Equal("invalid session", (await late.ProtocolAsync<AuthErrorMessage>()).Error);
    }

    [Fact]
    public async Task Allow_reconnection_twice_replaces_the_first_window()
    {
        var log = new EventLog();
        var behavior = new RoomCallbacks
        {
            OnDrop = (room, client, code) =>
            {
                client.AllowReconnection(TimeSpan.FromMilliseconds(100));
                client.AllowReconnection(TimeSpan.FromMinutes(1));
                log.Add("drop:" + client.Id);
            },
            OnLeave = (room, client) => log.Add("close:" + client.Id),
        };
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), behavior);
        var (client, session) = await JoinAsync(host);
        client.Kill();
        await client.DisposeAsync();
        await log.WaitAsync("drop:" + session.ClientId);

        // Had the first 100 ms window survived, it would fire before this room timer does (same room thread, same clock).
        await host.Room.Post(() => { host.Room.Schedule(TimeSpan.FromMilliseconds(400), () => log.Add("later")); return Task.CompletedTask; });
        await log.WaitAsync("later");
        await using var resumed = await WireClient.ConnectAsync(host.Url + $"?session={session.Token}&gv=1");
        Assert.Equal(session.ClientId, (await resumed.SessionAsync()).ClientId);
        Assert.Equal(0, log.Count("close:" + session.ClientId));
    }

    [Fact]
    public async Task Buffer_overflow_while_dropped_evicts()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(maxBufferBytes: 1024), Holding(log, TimeSpan.FromMinutes(1)));
        var session = await JoinAndKillAsync(host, log);
        await host.Room.Post(() =>
        {
            var held = host.Room.Clients.Get(session.ClientId)!;
            held.Send(new string('a', 600));
            Assert.True(held.IsInRoom);
            held.Send(new string('b', 600));
            Assert.False(held.IsInRoom);
            return Task.CompletedTask;
        });
        await log.WaitAsync("close:" + session.ClientId);
    }

    [Fact]
    public async Task Stop_closes_everyone_with_1001_fires_on_leave_and_no_on_drop()
    {
        var log = new EventLog();
        var behavior = Holding(log, TimeSpan.FromMinutes(1));
        var host = await TestRooms.StartAsync(TestRooms.Standalone(), new RoomCallbacks
        {
            OnJoin = behavior.OnJoin,
            OnDrop = behavior.OnDrop,
            OnLeave = behavior.OnLeave,
            OnShutdown = room => log.Add("shutdown"),
        });
        var (a, sa) = await JoinAsync(host);
        var (b, sb) = await JoinAsync(host);
        await host.StopAsync();
        foreach (var client in new[] { a, b })
        {
            var closed = await client.ClosedAsync();
            Assert.Equal((1001, "room shutting down"), (closed.Code, closed.Reason));
            await client.DisposeAsync();
        }

        Assert.Equal("shutdown", log.Entries.First(e => !e.StartsWith("open", StringComparison.Ordinal)));
        Assert.Equal(1, log.Count("close:" + sa.ClientId));
        Assert.Equal(1, log.Count("close:" + sb.ClientId));
        Assert.DoesNotContain(log.Entries, e => e.StartsWith("drop:", StringComparison.Ordinal));
        Assert.True(host.Stopped.IsCompletedSuccessfully);

        // Broadcast after stop is a silent no-op.
        host.Room.Broadcast("nobody");
    }

    [Fact]
    public async Task One_client_leaving_does_not_affect_the_others()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Holding(log));
        var (a, _) = await JoinAsync(host);
        var (b, sb) = await JoinAsync(host);
        await a.LeaveAsync();
        await a.ClosedAsync();
        await a.DisposeAsync();
        await host.Room.Post(() => { host.Room.Broadcast("still on"); return Task.CompletedTask; });
        Assert.Equal("still on", await b.TextAsync());
        await b.SendTextAsync("hello", v2: false);
        await log.WaitAsync($"message:{sb.ClientId}:hello");
        await b.DisposeAsync();
    }
}
