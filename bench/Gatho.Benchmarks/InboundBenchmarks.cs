using BenchmarkDotNet.Attributes;
using Gatho.Protocol.Framing;
using Gatho.Room;
using Gatho.Room.Runtime;
using Gatho.Room.Transport;

namespace Gatho.Benchmarks;

/// <summary>
/// The inbound path of a v2 room as one socket's reader drives it, per 1,000 messages: decode the frame (the payload copy
/// the room owns), hand it to the room thread, count it for the v2 ack (an ack every 32), run the client's handler queue
/// and <c>OnMessage</c>, which echoes it (encode once, keep in the outbox, queue for the socket). Sockets are counting
/// sinks, so this is the room's own cost; allocation per message is the figure to watch.
/// </summary>
[MemoryDiagnoser]
public class InboundBenchmarks
{
    private const int Messages = 1000;
    private readonly byte[] frame = FrameCodec.Encode(FrameType.Binary, new byte[32]);
    private RoomRuntime room = null!;
    private IClientConnection connection = null!;
    private long handled;

    [Params(1, 2)]
    public int Version { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        room = InProcessRoom.Start(
            new RoomCallbacks
            {
                OnMessage = (_, client, message) =>
                {
                    handled++;
                    client.Send(message.Data.Span);
                },
            },
            clients: 1,
            Version);
        connection = ((RoomClient)room.Clients.Single()).Connection!;
    }

    [Benchmark(Description = "1,000 inbound binary messages: decode, room thread, handler, echo")]
    public async Task Inbound()
    {
        var before = handled;
        for (var i = 0; i < Messages; i++)
        {
            room.EnqueueReceived(connection, InboundMessage.Decode(frame, Version));
        }

        // The room thread runs its queue in order: once this runs, every message above was handled.
        await room.Dispatcher.Run(() =>
        {
            InProcessRoom.AcknowledgeAll(room);
            return Task.CompletedTask;
        });
        if (handled - before != Messages)
        {
            throw new InvalidOperationException($"{handled - before} of {Messages} messages handled");
        }
    }
}
