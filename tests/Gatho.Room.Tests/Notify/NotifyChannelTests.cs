using Gatho.Protocol.Notify;
using Gatho.Room.Hosting;
using Gatho.Room.Notify;
using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Notify;

// DESIGN D7 and gatho-behaviour §6: what a managed room tells its server, and what happens when the server goes away.
public class NotifyChannelTests
{
    private static RoomOptions Managed(FakeNotifyServer server, TimeSpan? heartbeat = null, TimeSpan? grace = null) => new()
    {
        RoomId = "room-1",
        RoomType = "test",
        ServerId = "server-1",
        RoomSecret = TestRooms.Secret,
        NotifySocket = server.Target,
        Host = "127.0.0.1",
        StopOnProcessSignals = false,
        HeartbeatInterval = heartbeat ?? TimeSpan.FromSeconds(30),
        NotifyRedialGrace = grace ?? TimeSpan.FromSeconds(10),
        LoggerFactory = TestRooms.Logging,
        Environment = new Dictionary<string, string?>(),
    };

    private static RoomCallbacks Holding() => new() { OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromMinutes(1)) };

    [Fact]
    public async Task Ready_carries_the_listening_port()
    {
        await using var server = new FakeNotifyServer();
        await using var host = await RoomHost.StartAsync(Managed(server), Holding());
        var ready = Assert.IsType<ReadyNotify>(await server.NextAsync());
        Assert.Equal(host.Port, ready.Port);
    }

    [Fact]
    public async Task Client_connected_and_disconnected_are_reported_with_the_seat_tags()
    {
        await using var server = new FakeNotifyServer();
        await using var host = await RoomHost.StartAsync(Managed(server), Holding());
        await server.NextAsync<ReadyNotify>();
        var seat = Gatho.Protocol.Urls.SeatUrl.Create(host.Url, Gatho.Protocol.SeatTokens.SeatTokenIssuer.Mint(
            new Gatho.Protocol.SeatTokens.SeatClaims("room-1", "alice", DateTimeOffset.UtcNow.AddMinutes(1), "t1", tags: new Dictionary<string, string> { ["team"] = "red" }),
            TestRooms.Secret));
        await using var client = await WireClient.ConnectAsync(TestRooms.Connect(seat));
        await client.SessionAsync();
        var connected = await server.NextAsync<ClientConnectedNotify>();
        Assert.Equal(("alice", "room-1", "red"), (connected.ClientId, connected.RoomId, connected.Tags["team"]));
        await client.LeaveAsync();
        Assert.Equal("alice", (await server.NextAsync<ClientDisconnectedNotify>()).ClientId);
    }

    [Fact]
    public async Task Heartbeats_list_live_clients_only_with_process_metrics()
    {
        await using var server = new FakeNotifyServer();
        await using var host = await RoomHost.StartAsync(Managed(server, heartbeat: TimeSpan.FromMilliseconds(100)), Holding());
        await using var live = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "live")));
        await live.SessionAsync();
        var dropped = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "dropped")));
        await dropped.SessionAsync();
        dropped.Kill();
        await dropped.DisposeAsync();
        await host.Room.Post(() => Task.CompletedTask);

        HeartbeatNotify beat;
        do
        {
            beat = await server.NextAsync<HeartbeatNotify>();
        }
        while (beat.Clients.Count != 1);

        Assert.Equal("live", beat.Clients[0].ClientId);
        Assert.NotNull(beat.Metrics);
        Assert.True(beat.Metrics!.MemoryRss > 1_000_000, $"rss {beat.Metrics.MemoryRss}");
        Assert.True(beat.Metrics.MemoryHeapUsed > 0);
        Assert.True(beat.Metrics.CpuUser > 0);
        Assert.True(Math.Abs(beat.Timestamp - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) < 60_000);
    }

    [Fact]
    public async Task A_self_stop_reports_stopped_after_every_client_left()
    {
        await using var server = new FakeNotifyServer();
        var host = await RoomHost.StartAsync(Managed(server), Holding());
        await using var client = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "alice")));
        await client.SessionAsync();
        await host.Room.StopAsync();
        Assert.IsType<ReadyNotify>(await server.NextAsync());
        Assert.IsType<ClientConnectedNotify>(await server.NextAsync());
        Assert.IsType<ClientDisconnectedNotify>(await server.NextAsync());
        Assert.IsType<StoppedNotify>(await server.NextAsync());
        var closed = await client.ClosedAsync();
        Assert.Equal((1001, "room shutting down"), (closed.Code, closed.Reason));
    }

    [Fact]
    public async Task A_stop_command_from_the_server_closes_clients_with_its_reason_and_reports_no_stopped()
    {
        await using var server = new FakeNotifyServer();
        var host = await RoomHost.StartAsync(Managed(server), Holding());
        await server.NextAsync<ReadyNotify>();
        await using var client = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "alice")));
        await client.SessionAsync();
        await server.NextAsync<ClientConnectedNotify>();
        await server.SendAsync(new StopRoomCommand("server draining, rejoin"));
        var closed = await client.ClosedAsync();
        Assert.Equal((1001, "server draining, rejoin"), (closed.Code, closed.Reason));
        await host.Stopped.WaitAsync(WireClient.Patience);
        Assert.IsType<ClientDisconnectedNotify>(await server.NextAsync());
        await server.HungUp.Task.WaitAsync(WireClient.Patience);
        Assert.DoesNotContain(server.Drain(), m => m is StoppedNotify);
    }

    [Fact]
    public async Task A_dropped_channel_is_redialled_and_reporting_continues()
    {
        await using var server = new FakeNotifyServer();
        await using var host = await RoomHost.StartAsync(Managed(server, heartbeat: TimeSpan.FromMilliseconds(100)), Holding());
        await server.NextAsync<ReadyNotify>();
        server.DropConnection();
        await WaitUntil(() => server.Connections >= 2);
        await server.NextAsync<HeartbeatNotify>();
        await using var client = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "after")));
        await client.SessionAsync();
        Assert.Equal("after", (await server.NextAsync<ClientConnectedNotify>()).ClientId);
        Assert.False(host.Stopped.IsCompleted);
    }

    [Fact]
    public async Task A_room_whose_server_vanished_shuts_itself_down_after_the_grace_period()
    {
        var server = new FakeNotifyServer();
        var host = await RoomHost.StartAsync(Managed(server, grace: TimeSpan.FromMilliseconds(500)), Holding());
        await server.NextAsync<ReadyNotify>();
        await using var client = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "alice")));
        await client.SessionAsync();
        await server.DisposeAsync();
        await host.Stopped.WaitAsync(WireClient.Patience);
        var closed = await client.ClosedAsync();
        Assert.Equal(1001, closed.Code);
    }

    [Fact]
    public async Task Start_fails_when_the_notify_channel_cannot_be_dialled()
    {
        var options = new RoomOptions
        {
            RoomId = "r",
            RoomSecret = TestRooms.Secret,
            NotifySocket = "uds:" + Path.Combine(Path.GetTempPath(), "gatho-no-such-dir", "sock"),
            StopOnProcessSignals = false,
            LoggerFactory = TestRooms.Logging,
            Environment = new Dictionary<string, string?>(),
        };
        var error = await Assert.ThrowsAsync<RoomConfigurationException>(() => RoomHost.StartAsync(options, Holding()));
        Assert.Contains("could not dial notify channel", error.Message);
    }

    [Theory]
    [InlineData("uds:/tmp/a/sock", "/tmp/a/sock", null, 0, "")]
    [InlineData("/tmp/b/sock", "/tmp/b/sock", null, 0, "")]
    [InlineData("tcp://127.0.0.1:4100?token=abc", null, "127.0.0.1", 4100, "abc")]
    [InlineData("tcp://127.0.0.1:4100", null, "127.0.0.1", 4100, "")]
    public void Notify_targets_parse_like_gatho(string value, string? path, string? host, int port, string token)
    {
        var target = NotifyTarget.Parse(value);
        Assert.Equal(path, target.SocketPath);
        Assert.Equal(host, target.TcpHost);
        Assert.Equal(port, target.TcpPort);
        Assert.Equal(token, target.TcpToken);
    }

    [Theory]
    [InlineData("tcp://127.0.0.1", "invalid tcp port")]
    [InlineData("tcp://127.0.0.1:0", "invalid tcp port")]
    [InlineData("http://x:1", "unsupported uri scheme")]
    [InlineData("uds:", "no path")]
    public void Bad_notify_targets_throw(string value, string message)
    {
        Assert.Contains(message, Assert.Throws<RoomConfigurationException>(() => NotifyTarget.Parse(value)).Message);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + WireClient.Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(10);
        }
    }
}
