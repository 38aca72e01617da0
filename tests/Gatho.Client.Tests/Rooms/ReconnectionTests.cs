using Gatho.Client.Tests.Support;
using Gatho.Protocol;
using Gatho.Protocol.Closing;

namespace Gatho.Client.Tests.Rooms;

/// <summary>Drops, resumes and the ways resuming ends, through a proxy that breaks the path.</summary>
public sealed class ReconnectionTests
{
    [Theory]
    [InlineData(ProtocolVersions.V2)]
    [InlineData(ProtocolVersions.V1)]
    public async Task A_cut_is_a_drop_for_both_sides_and_the_client_resumes_with_the_same_id(int version)
    {
        await using var room = await TestRoom.StartAsync();
        await using var proxy = new FaultProxy(room.Host.Port);
        var (client, probe) = TestClients.Create(room.Seat("alice", proxy.Route(room.Host.Url)), TestClients.Options(version));
        await client.ConnectAsync();

        proxy.Cut();

        await probe.Log.WaitAsync("reconnect");
        await room.Log.WaitAsync("reconnect:alice");
        Assert.Equal("alice", client.ClientId);
        Assert.Equal(ClientState.Open, client.State);
        Assert.Contains(room.Log.Entries, e => e.StartsWith("drop:alice:", StringComparison.Ordinal) && e != "drop:alice:4000");
        Assert.DoesNotContain("leave:alice", room.Log.Entries);

        client.Send("still here");
        await probe.Log.WaitAsync("msg:still here");
        await client.CloseAsync();
        await room.Log.WaitAsync("leave:alice");
        await probe.ClosedAsync();
        Assert.Equal(new[] { "open", "drop:1006", "reconnect", "close:consented" }, probe.Lifecycle);
    }

    [Theory]
    [InlineData(ProtocolVersions.V2)]
    [InlineData(ProtocolVersions.V1)]
    public async Task Reliable_sends_while_reconnecting_are_delivered_after_the_resume_and_unreliable_ones_are_dropped(int version)
    {
        await using var room = await TestRoom.StartAsync(onMessage: (_, _, _) => { });
        await using var proxy = new FaultProxy(room.Host.Port);
        var (client, probe) = TestClients.Create(room.Seat("alice", proxy.Route(room.Host.Url)), TestClients.Options(version));
        await client.ConnectAsync();
        proxy.Mode = ProxyMode.Blackhole;
        proxy.Cut();
        await probe.Log.WaitAsync("drop:1006");

        Assert.True(client.Send("while away"));
        Assert.False(client.Send("unreliable while away", reliable: false));
        proxy.Mode = ProxyMode.Forward;
        await probe.Log.WaitAsync("reconnect");
        client.Send("back");

        await room.Log.WaitAsync("msg:alice:back");
        var received = room.Log.Entries.Where(e => e.StartsWith("msg:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(new[] { "msg:alice:while away", "msg:alice:back" }, received);
        await client.CloseAsync();
    }

    [Fact]
    public async Task Unreliable_messages_from_the_room_are_never_replayed()
    {
        await using var room = await TestRoom.StartAsync();
        await using var proxy = new FaultProxy(room.Host.Port);
        var (client, probe) = TestClients.Create(room.Seat("alice", proxy.Route(room.Host.Url)));
        await client.ConnectAsync();
        proxy.Mode = ProxyMode.Blackhole;
        proxy.Cut();
        await room.Log.WaitAsync(e => e.StartsWith("drop:alice:", StringComparison.Ordinal), "room sees the drop");

        // While the client is away the room sends both kinds; only the reliable one may come back.
        await room.WithClientAsync("alice", c =>
        {
            c.Send("u1", reliable: false);
            c.Send("r1");
            c.Send("u2", reliable: false);
        });
        proxy.Mode = ProxyMode.Forward;
        await probe.Log.WaitAsync("reconnect");
        await room.WithClientAsync("alice", c => c.Send("live", reliable: false));

        await probe.Log.WaitAsync("msg:live:u");
        Assert.Equal(new[] { "r1", "live:u" }, probe.Messages);
        await client.CloseAsync();
    }

    [Fact]
    public async Task Attempts_are_limited_and_exhausting_them_closes_1006_with_reconnect_failed()
    {
        await using var room = await TestRoom.StartAsync();
        await using var proxy = new FaultProxy(room.Host.Port);
        var (client, probe) = TestClients.Create(room.Seat("alice", proxy.Route(room.Host.Url)), TestClients.Options(handshakeTimeout: TimeSpan.FromMilliseconds(300)));
        await client.ConnectAsync();

        // The path dies and stays dead: every resume attempt reaches the proxy and times out behind it. (Issue 13: a
        // room that stops — 1001 "room shutting down" — now ends the client at once with room-stopped, so the path is
        // what fails here, as a timeout that is retried.)
        proxy.Mode = ProxyMode.Blackhole;
        proxy.Cut();

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(new ClientCloseInfo(CloseCodes.Abnormal, CloseReasons.ReconnectionAttemptsExhausted, CloseCause.ReconnectFailed), info);
        Assert.Equal(1 + 10, proxy.Accepted);
        await probe.ClosedAsync();
        Assert.Equal(new[] { "open", "drop:1006", "close:reconnect-failed" }, probe.Lifecycle);
    }

    [Fact]
    public async Task A_session_the_room_no_longer_holds_ends_with_cause_session()
    {
        // No reconnection window: the room evicts at once, so the resume gets auth_error "invalid session".
        await using var room = await TestRoom.StartAsync(onDrop: (_, _, _) => { });
        await using var proxy = new FaultProxy(room.Host.Port);
        var (client, probe) = TestClients.Create(room.Seat("alice", proxy.Route(room.Host.Url)));
        await client.ConnectAsync();
        proxy.Mode = ProxyMode.Blackhole;
        proxy.Cut();
        await room.Log.WaitAsync("leave:alice");
        proxy.Mode = ProxyMode.Forward;

        var info = await client.Completion.WaitAsync(EventLog.Patience);

        Assert.Equal(new ClientCloseInfo(CloseCodes.Consented, CloseReasons.SessionRejected, CloseCause.Session), info);
        await probe.ClosedAsync();
        Assert.Equal(new[] { "open", "drop:1006", "close:session" }, probe.Lifecycle);
    }

    [Theory]
    [InlineData(StallDetection.PingTimeout, "")]
    [InlineData(StallDetection.RoomAckTimeout, "acknowledged nothing")] // no ping deadline, as on netstandard2.1
    public async Task A_stalled_path_is_detected_and_resumed_once_traffic_flows(StallDetection detection, string dropReason)
    {
        await using var room = await TestRoom.StartAsync();
        await using var proxy = new FaultProxy(room.Host.Port);
        var (client, probe) = TestClients.Create(room.Seat("alice", proxy.Route(room.Host.Url)), TestClients.Options(stalls: detection));
        var dropReasons = new EventLog();
        client.Dropped += d => dropReasons.Add(d.Reason);
        await client.ConnectAsync();

        proxy.Mode = ProxyMode.Stall;
        client.Send("sent into the stall");
        await dropReasons.WaitAsync(e => e.Contains(dropReason, StringComparison.Ordinal), $"a drop with \"{dropReason}\" in its reason");
        proxy.Mode = ProxyMode.Forward;

        await probe.Log.WaitAsync("reconnect");
        await probe.Log.WaitAsync("msg:sent into the stall");
        Assert.Equal(1, room.Log.Count("msg:alice:sent into the stall"));
        Assert.Equal(1, probe.Log.Count("msg:sent into the stall"));
        await client.CloseAsync();
    }

    [Fact]
    public async Task Blackholed_resume_attempts_time_out_and_count_against_the_limit()
    {
        await using var room = await TestRoom.StartAsync();
        await using var proxy = new FaultProxy(room.Host.Port);
        // The handshake deadline also bounds the first, real connect: short enough to keep the test quick, long enough
        // for a cold room on a loaded machine (300 ms was not).
        var options = TestClients.Options(reconnection: TestClients.FastReconnect(maxAttempts: 3), handshakeTimeout: TimeSpan.FromSeconds(1.5));
        var (client, probe) = TestClients.Create(room.Seat("alice", proxy.Route(room.Host.Url)), options);
        await client.ConnectAsync();
        proxy.Mode = ProxyMode.Blackhole;

        proxy.Cut();

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(CloseCause.ReconnectFailed, info.Cause);

        // The last attempt's connection can sit in the proxy's accept backlog after the client gave up on it: wait for
        // the proxy to count it (bounded), then check no attempt beyond the limit was made.
        var deadline = DateTime.UtcNow + EventLog.Patience;
        while (proxy.Accepted < 1 + 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1 + 3, proxy.Accepted);
    }

    [Fact]
    public async Task A_draining_server_ends_the_client_with_cause_draining_instead_of_resuming()
    {
        await using var room = await TestRoom.StartAsync();
        var (client, probe) = TestClients.Create(room.Seat("alice"));
        await client.ConnectAsync();

        await room.Host.StopAsync(CloseReasons.ServerDraining);

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(new ClientCloseInfo(CloseCodes.GoingAway, CloseReasons.ServerDraining, CloseCause.Draining), info);
        await probe.ClosedAsync();
        Assert.Equal(new[] { "open", "close:draining" }, probe.Lifecycle);
    }
}
