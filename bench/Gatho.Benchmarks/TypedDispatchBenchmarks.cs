using BenchmarkDotNet.Attributes;
using Gatho.Benchmarks.Rooms;
using Gatho.Protocol;
using Gatho.Protocol.Framing;
using Gatho.Room.Runtime;
using Gatho.Room.Transport;

namespace Gatho.Benchmarks;

/// <summary>
/// One inbound binary frame carrying a typed <see cref="Move"/> (<c>[id, [x, y, tick]]</c>), from the
/// WebSocket message to the room's handler: the room's frame decode (which copies the payload the room then owns), the
/// generated <c>OnMessageAsync</c>, and the handler call. The baseline hands the same frame to a raw
/// <c>ReadOnlyMemory&lt;byte&gt;</c> handler through the same generated method, so the difference is the typed
/// dispatch itself: the envelope header, the switch on the id and the generated formatter.
/// </summary>
[MemoryDiagnoser]
public class TypedDispatchBenchmarks
{
    private readonly TypedDispatchRoom typed = new();
    private readonly RawDispatchRoom raw = new();
    private byte[] frame = null!;
    private RoomRuntime room = null!;
    private IRoomClient client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var payload = TypedDispatchRoom.GathoContract.Instance.Encode(new Move(12.5f, -3.25f, 10492));
        frame = FrameCodec.Encode(FrameType.Binary, payload);
        room = InProcessRoom.Start(new RoomCallbacks(), 1, ProtocolVersions.V2);
        client = room.Clients.First();

        // Both handlers must really run: a dispatch that silently skipped its handler would look fast.
        Typed();
        Raw();
        if (typed.Ticks != 10492 || raw.Bytes != payload.Length)
        {
            throw new InvalidOperationException($"handlers saw ticks {typed.Ticks} and {raw.Bytes} bytes");
        }
    }

    [Benchmark(Baseline = true, Description = "frame → raw ReadOnlyMemory<byte> handler")]
    public void Raw()
    {
        var message = InboundMessage.Decode(frame, ProtocolVersions.V2).User;
        ((IRoomBehavior)raw).OnMessageAsync(room, client, message).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "frame → typed Move handler (generated switch + formatter)")]
    public void Typed()
    {
        var message = InboundMessage.Decode(frame, ProtocolVersions.V2).User;
        ((IRoomBehavior)typed).OnMessageAsync(room, client, message).GetAwaiter().GetResult();
    }
}
