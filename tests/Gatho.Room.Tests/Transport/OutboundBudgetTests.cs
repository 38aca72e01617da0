using System.Net.WebSockets;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Transport;

// Issue 17 defects 2, 11 and 12 over real sockets: every socket's outbound queue has a byte budget; a client that
// reads nothing is evicted as too slow (4002) instead of growing the room; unreliable frames are dropped first; a
// message of the largest inbound size can be echoed; acks overtake a backlog.
public class OutboundBudgetTests
{
    private const int Chunk = 16 * 1024;

    private static RoomOptions Options(int maxOutbound = 256 * 1024, int maxBuffer = 4 * 1024 * 1024, int ackEvery = 32) => new()
    {
        Standalone = true,
        Host = "127.0.0.1",
        StopOnProcessSignals = false,
        LoggerFactory = TestRooms.Logging,
        Environment = new Dictionary<string, string?>(),
        MaxOutboundBytes = maxOutbound,
        MaxBufferBytes = maxBuffer,
        AckEveryFrames = ackEvery,
    };

    private static RoomCallbacks Echo(EventLog log, Dictionary<string, uint>? sent = null) => new()
    {
        OnJoin = (room, client) => log.Add("join:" + client.Id),
        OnMessage = (room, client, message) =>
        {
            client.Send(message);
            if (sent is not null)
            {
                sent[client.Id] = sent.GetValueOrDefault(client.Id) + 1;
            }
        },
        OnLeave = (room, client) => log.Add("leave:" + client.Id),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_client_that_sends_but_never_reads_is_evicted_as_too_slow(int version)
    {
        var log = new EventLog();
        var sent = new Dictionary<string, uint>();
        await using var host = await TestRooms.StartAsync(Options(), Echo(log, sent));
        using var raw = await RawWebSocket.ConnectAsync(host.Port, "/?gv=" + version, receiveBuffer: 4096);
        await log.WaitAsync(e => e.StartsWith("join:", StringComparison.Ordinal), "join");
        var id = host.Room.Clients.Ids.Single();

        var payload = new byte[Chunk];
        payload[0] = (byte)FrameType.Binary;
        try
        {
            // Bounded: 8,000 × 16 KiB is far more than the kernel's socket buffers plus the room's 256 KiB budget.
            for (var i = 0; i < 8000 && log.Count("leave:" + id) == 0; i++)
            {
                await raw.SendAsync(payload);
                if (version == 2 && i % 16 == 15)
                {
                    // v2 variant: acknowledges everything the room sent without reading any of it, so the reliable
                    // outbox stays empty and only the socket's byte budget can stop it.
                    var echoed = await host.Room.Post(() => sent.GetValueOrDefault(id));
                    await raw.SendAsync(ProtocolMessageCodec.EncodeFrame(new AckMessage(echoed)));
                }
            }
        }
        catch (IOException)
        {
            // The room closed the connection under us: fine, the eviction is what is checked.
        }

        await log.WaitAsync("leave:" + id);
        using var timeout = new CancellationTokenSource(WireClient.Patience);
        var (code, reason) = await raw.ReadUntilCloseAsync(timeout.Token);
        Assert.Equal((4002, "too slow: outbound buffer full"), (code, reason));
        Assert.Empty(host.Room.Clients);
    }

    // Found by the abuse suite: the eviction ran OnLeave inside the handler's own Send, so room code that sends while
    // iterating its players (and removes a player in OnLeave) had its collection changed under its foreach, and a
    // handler's bookkeeping after the Send ran after OnLeave. OnLeave now runs after the handler that overflowed.
    [Fact]
    public async Task A_client_evicted_by_a_send_leaves_after_the_handler_that_sent_not_inside_it()
    {
        var log = new EventLog();
        var players = new Dictionary<string, IRoomClient>();
        var inHandler = false;
        var payload = new byte[Chunk];
        var behavior = new RoomCallbacks
        {
            OnJoin = (room, client) =>
            {
                players[client.Id] = client;
                log.Add("join:" + client.Id);
            },
            OnMessage = (room, client, message) =>
            {
                inHandler = true;
                try
                {
                    foreach (var player in players.Values)
                    {
                        player.Send(payload);
                    }
                }
                catch (InvalidOperationException e)
                {
                    log.Add("threw:" + e.Message);
                }
                finally
                {
                    inHandler = false;
                }
            },
            OnLeave = (room, client) =>
            {
                players.Remove(client.Id);
                log.Add(inHandler ? "leave-inside-handler:" + client.Id : "leave:" + client.Id);
            },
        };
        await using var host = await TestRooms.StartAsync(Options(), behavior);
        using var raw = await RawWebSocket.ConnectAsync(host.Port, "/?gv=1", receiveBuffer: 4096);
        await log.WaitAsync(e => e.StartsWith("join:", StringComparison.Ordinal), "join");
        var id = host.Room.Clients.Ids.Single();

        var request = new byte[16];
        request[0] = (byte)FrameType.Binary;
        try
        {
            for (var i = 0; i < 8000 && !log.Entries.Any(e => e.Contains(id, StringComparison.Ordinal) && e.StartsWith("leave", StringComparison.Ordinal)); i++)
            {
                await raw.SendAsync(request);
            }
        }
        catch (IOException)
        {
            // The room closed the connection under us: the eviction is what is checked.
        }

        await log.WaitAsync(e => e.StartsWith("leave", StringComparison.Ordinal), "a leave");
        await host.Room.Post(() => Task.CompletedTask);
        Assert.Equal(new[] { "join:" + id, "leave:" + id }, log.Entries);
    }

    [Fact]
    public async Task Unreliable_frames_to_a_client_that_stopped_reading_are_dropped_not_queued()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(Options(maxOutbound: 64 * 1024 * 1024), Echo(log));
        using var raw = await RawWebSocket.ConnectAsync(host.Port, "/?gv=2", receiveBuffer: 4096);
        await log.WaitAsync(e => e.StartsWith("join:", StringComparison.Ordinal), "join");
        var client = host.Room.Clients.Get(host.Room.Clients.Ids.Single())!;

        var frame = new byte[Chunk];
        for (var round = 0; round < 20; round++)
        {
            await host.Room.Post(() =>
            {
                for (var i = 0; i < 100; i++)
                {
                    host.Room.Broadcast(frame, reliable: false);
                }

                return Task.CompletedTask;
            });
        }

        // 32 MiB broadcast unreliably: the socket's backlog stays at the unreliable limit, and nobody is evicted.
        Assert.InRange(client.BufferedAmount, 0, (64 * 1024) + Chunk + 1);
        Assert.True(client.IsInRoom);
    }

    [Fact]
    public async Task A_room_can_echo_messages_of_the_largest_inbound_size_to_a_v2_client()
    {
        var log = new EventLog();
        var options = TestRooms.Standalone();
        await using var host = await TestRooms.StartAsync(new RoomOptions
        {
            Standalone = true,
            Host = "127.0.0.1",
            StopOnProcessSignals = false,
            LoggerFactory = TestRooms.Logging,
            Environment = new Dictionary<string, string?>(),
        }, Echo(log));
        await using var client = await WireClient.ConnectAsync(host.Url + "?gv=2");
        await client.SessionAsync();
        var largest = new byte[options.MaxMessageBytes - 1];
        for (var i = 0; i < 3; i++)
        {
            largest[0] = (byte)i;
            await client.SendBytesAsync(largest);
        }

        for (var i = 0; i < 3; i++)
        {
            var frame = await client.FrameAsync();
            while (frame.Type == FrameType.Protocol)
            {
                frame = await client.FrameAsync(); // the room's acks of what it read
            }

            Assert.Equal(FrameType.Binary, frame.Type);
            Assert.Equal(largest.Length, frame.Payload.Length);
            Assert.Equal(i, frame.Payload[0]);
        }

        Assert.Single(host.Room.Clients);
    }

    [Fact]
    public async Task The_rooms_ack_overtakes_a_backlog_of_data_the_client_has_not_read()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(Options(maxOutbound: 64 * 1024 * 1024, maxBuffer: 64 * 1024 * 1024, ackEvery: 1), new RoomCallbacks
        {
            OnJoin = (room, client) => log.Add("join:" + client.Id),
            OnMessage = (room, client, message) => log.Add("message:" + message.Text),
        });
        using var raw = await RawWebSocket.ConnectAsync(host.Port, "/?gv=2", receiveBuffer: 4096);
        await log.WaitAsync(e => e.StartsWith("join:", StringComparison.Ordinal), "join");
        var client = host.Room.Clients.Get(host.Room.Clients.Ids.Single())!;
        const int backlog = 1024;
        var frame = new byte[32 * 1024];
        await host.Room.Post(() =>
        {
            for (var i = 0; i < backlog; i++)
            {
                client.Send(frame);
            }

            return Task.CompletedTask;
        });

        await raw.SendAsync(FrameCodec.EncodeText(FrameType.Text, "hello"));
        await log.WaitAsync("message:hello");

        using var timeout = new CancellationTokenSource(WireClient.Patience);
        var dataBeforeAck = 0;
        while (true)
        {
            var (_, payload) = await raw.ReadFrameAsync(timeout.Token);
            if (payload[0] == (byte)FrameType.Protocol && ProtocolMessageCodec.Decode(payload.AsSpan(1)) is AckMessage ack)
            {
                Assert.Equal(1u, ack.Seq);
                break;
            }

            if (payload[0] != (byte)FrameType.Protocol)
            {
                dataBeforeAck++;
            }
        }

        // Only what had already left the room's queue (the kernel's socket buffers) came first, not the 32 MiB backlog.
        Assert.InRange(dataBeforeAck, 0, backlog / 2);
    }

    [Fact]
    public async Task A_text_opcode_frame_is_a_protocol_error()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Echo(log));
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(WireClient.Patience);
        await socket.ConnectAsync(new Uri(host.Url + "?gv=2"), timeout.Token);
        var buffer = new byte[4096];
        await socket.ReceiveAsync(buffer, timeout.Token); // session
        await socket.SendAsync("\u0001hello"u8.ToArray(), WebSocketMessageType.Text, true, timeout.Token);
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }
        }

        Assert.Equal((WebSocketCloseStatus)1002, socket.CloseStatus);
        Assert.Equal("protocol error", socket.CloseStatusDescription);
        Assert.DoesNotContain(log.Entries, e => e.StartsWith("message:", StringComparison.Ordinal));
    }
}
