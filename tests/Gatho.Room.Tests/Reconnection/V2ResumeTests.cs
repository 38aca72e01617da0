using System.Globalization;
using Gatho.Room.Testing;
using Gatho.Room.Tests.Support;
using Xunit.Abstractions;

namespace Gatho.Room.Tests.Reconnection;

// DESIGN D2: protocol v2 numbers reliable frames, acks them, and on resume replays both directions: exactly once, in
// order, within the reconnection window.
public class V2ResumeTests
{
    private readonly ITestOutputHelper output;

    public V2ResumeTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public async Task Killing_the_socket_mid_stream_loses_and_duplicates_nothing_in_either_direction()
    {
        const int messages = 3000;
        const int kills = 12;
        var fromClient = new List<int>();
        var behavior = new RoomCallbacks
        {
            OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromMinutes(1)),
            OnMessage = (room, client, message) =>
            {
                if (message.Text == "end")
                {
                    client.Send("end");
                    return;
                }

                fromClient.Add(int.Parse(message.Text!, CultureInfo.InvariantCulture));
            },
        };
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), behavior);
        await using var client = new ResumingClient(host.Url);
        await client.ConnectAsync();
        var clientId = client.ClientId!;
        var random = new Random(42);
        var killAt = new SortedSet<int>(Enumerable.Range(0, kills).Select(_ => random.Next(100, messages - 100)));

        for (var i = 0; i < messages; i++)
        {
            var n = i;
            client.Send(n.ToString(CultureInfo.InvariantCulture));
            host.Room.Post(() => host.Room.Clients.Get(clientId)?.Send(n.ToString(CultureInfo.InvariantCulture)));
            if (killAt.Contains(i))
            {
                client.Kill();
                Assert.Null(await client.ResumeAsync());
            }
            else if (i % 50 == 0)
            {
                await Task.Yield();
            }
        }

        // Both streams are ordered, so once the end marker made its round trip anything duplicated has arrived too.
        client.Send("end");
        await WaitUntil(() => client.Received.Contains("end"));
        var roomGot = await host.Room.Post(() => fromClient.ToArray());
        var clientGot = client.Received.Where(s => s != "end").Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

        output.WriteLine($"{killAt.Count} kills, {client.Resumes} resumes, {client.ReplayedFrames} room frames replayed, {client.ResentFrames} client frames resent");
        output.WriteLine($"client -> room: sent {messages}, received {roomGot.Length}, distinct {roomGot.Distinct().Count()}, lost {messages - roomGot.Distinct().Count()}, duplicated {roomGot.Length - roomGot.Distinct().Count()}");
        output.WriteLine($"room -> client: sent {messages}, received {clientGot.Length}, distinct {clientGot.Distinct().Count()}, lost {messages - clientGot.Distinct().Count()}, duplicated {clientGot.Length - clientGot.Distinct().Count()}");
        Assert.Equal(Enumerable.Range(0, messages), roomGot);
        Assert.Equal(Enumerable.Range(0, messages), clientGot);
        Assert.Equal(killAt.Count, client.Resumes);
    }

    [Fact]
    public async Task A_resume_point_that_is_no_longer_buffered_closes_with_resync_required()
    {
        var log = new EventLog();
        var behavior = new RoomCallbacks
        {
            OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromMinutes(1)),
            OnLeave = (room, client) => log.Add("leave:" + client.Id),
        };
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), behavior);
        await using var client = new ResumingClient(host.Url);
        await client.ConnectAsync();
        var id = client.ClientId!;
        await host.Room.Post(() =>
        {
            for (var i = 0; i < 40; i++)
            {
                host.Room.Clients.Get(id)!.Send("m" + i);
            }

            return Task.CompletedTask;
        });
        await WaitUntil(() => client.ReceivedCount == 40);

        // The client acked 32 frames, so the room dropped them; claiming to have processed only 10 cannot be served.
        client.Kill();
        Assert.Equal(4001, await client.ResumeClaimingAsync(10));
        await log.WaitAsync("leave:" + id);
    }

    [Fact]
    public async Task Claiming_frames_never_sent_is_also_a_resync()
    {
        await using var host = await RoomTestHost.StartAsync(new RoomCallbacks { OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromMinutes(1)) });
        var client = await host.ConnectAsync("a");
        await host.Room.Post(() => { host.Room.Clients.Get("a")!.Send("only one"); return Task.CompletedTask; });
        await client.DropAsync();
        Assert.Single(client.Received);

        // The test client resumes with what it processed (1): fine. Now forge a count beyond what was sent.
        Assert.True(await client.ResumeAsync());
        await client.DropAsync();
        await host.Room.Post(() => { host.Room.Clients.Get("a")!.Send("second"); return Task.CompletedTask; });
        Assert.True(await client.ResumeAsync());
        Assert.Equal(new[] { "only one", "second" }, client.ReceivedTexts);
    }

    [Fact]
    public async Task The_room_acks_after_32_frames_and_on_its_one_second_clock()
    {
        await using var host = await RoomTestHost.StartAsync(new RoomCallbacks(), new RoomOptions { AckInterval = TimeSpan.FromMilliseconds(100) });
        var client = await host.ConnectAsync("a");
        for (var i = 0; i < 40; i++)
        {
            await client.SendAsync("m" + i);
        }

        Assert.Equal(32u, client.LastAck);
        await WaitUntil(() => client.LastAck == 40u);
    }

    [Fact]
    public async Task Client_acks_trim_the_room_outbox_and_unreliable_frames_are_never_kept()
    {
        await using var host = await RoomTestHost.StartAsync(new RoomCallbacks { OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromMinutes(1)) });
        var client = await host.ConnectAsync("a");
        await host.Room.Post(() =>
        {
            var a = host.Room.Clients.Get("a")!;
            a.Send("r1");
            a.Send("u1", reliable: false);
            a.Send("r2");
            return Task.CompletedTask;
        });
        await client.AckAsync();
        await client.DropAsync();
        await host.Room.Post(() =>
        {
            var a = host.Room.Clients.Get("a")!;
            a.Send("r3");
            a.Send("u2", reliable: false);
            return Task.CompletedTask;
        });
        Assert.True(await client.ResumeAsync());

        // r1, r2 were acked (nothing to replay), u2 was unreliable while dropped: only r3 comes after the resume.
        Assert.Equal(new[] { "r1", "u1", "r2", "r3" }, client.ReceivedTexts);
    }

    [Fact]
    public async Task Unacked_bytes_over_the_cap_evict_a_live_v2_client()
    {
        var log = new EventLog();
        await using var host = await RoomTestHost.StartAsync(new RoomCallbacks { OnLeave = (room, client) => log.Add("leave:" + client.Id) }, new RoomOptions { MaxBufferBytes = 1000 });
        var client = await host.ConnectAsync("a");
        await host.Room.Post(() =>
        {
            var a = host.Room.Clients.Get("a")!;
            for (var i = 0; i < 9; i++)
            {
                a.Send(new string('x', 100));
            }

            return Task.CompletedTask;
        });
        Assert.True(host.Room.Clients.Has("a"));
        await client.AckAsync();
        await host.Room.Post(() => { host.Room.Clients.Get("a")!.Send(new string('y', 500)); return Task.CompletedTask; });
        Assert.True(host.Room.Clients.Has("a"));
        await host.Room.Post(() => { host.Room.Clients.Get("a")!.Send(new string('z', 600)); return Task.CompletedTask; });
        await log.WaitAsync("leave:a");
        Assert.Equal(4000, client.CloseCode);
        Assert.Equal("evicted", client.CloseReason);
    }

    [Fact]
    public async Task A_v2_session_can_take_over_from_a_half_open_socket_and_the_stale_close_is_ignored()
    {
        var log = new EventLog();
        var behavior = new RoomCallbacks
        {
            OnDrop = (room, client, code) => { log.Add($"drop:{code}"); client.AllowReconnection(TimeSpan.FromMinutes(1)); },
            OnReconnect = (room, client) => log.Add("reconnect"),
            OnLeave = (room, client) => log.Add("leave"),
            OnMessage = (room, client, message) => log.Add("message:" + message.Text),
        };
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), behavior);
        await using var first = await WireClient.ConnectAsync(host.Url + "?gv=2");
        var session = await first.SessionAsync();

        // The room still believes the first socket is alive when the second one presents the session.
        await using var second = await WireClient.ConnectAsync(host.Url + $"?session={session.Token}&gv=2&ack=0");
        await second.ProtocolAsync<Gatho.Protocol.Messages.AckMessage>();
        Assert.Equal(session.ClientId, (await second.SessionAsync()).ClientId);
        await log.WaitAsync("reconnect");

        // The replaced socket is gone; its close does not touch the live client, which still talks and hears broadcasts.
        Assert.Equal(1006, (await first.ClosedAsync()).Code);
        await second.SendTextAsync("on the new socket");
        await log.WaitAsync("message:on the new socket");
        await host.Room.Post(() => { host.Room.Broadcast("to the live one"); return Task.CompletedTask; });
        Assert.Equal("to the live one", await second.TextAsync());
        Assert.Equal(1, log.Count("drop:1006"));
        Assert.Equal(0, log.Count("leave"));
    }

    [Fact]
    public async Task A_v1_client_cannot_resume_a_v2_session()
    {
        await using var host = await RoomTestHost.StartAsync(new RoomCallbacks { OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromMinutes(1)) });
        var client = await host.ConnectAsync("a", protocolVersion: 2);
        await client.DropAsync();
        await using var socketHost = await TestRooms.StartAsync(TestRooms.Standalone(), new RoomCallbacks { OnDrop = (room, c, code) => c.AllowReconnection(TimeSpan.FromMinutes(1)) });
        var v2 = await WireClient.ConnectAsync(socketHost.Url + "?gv=2");
        var session = await v2.SessionAsync();
        v2.Kill();
        await v2.DisposeAsync();
        await using var v1 = await WireClient.ConnectAsync(socketHost.Url + $"?session={session.Token}&gv=1");
        Assert.Equal("invalid session", (await v1.ProtocolAsync<Gatho.Protocol.Messages.AuthErrorMessage>()).Error);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 30 s");
            await Task.Delay(10);
        }
    }
}
