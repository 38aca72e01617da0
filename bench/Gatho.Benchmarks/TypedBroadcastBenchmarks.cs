using BenchmarkDotNet.Attributes;
using Gatho.Benchmarks.Rooms;
using Gatho.Room.Runtime;

namespace Gatho.Benchmarks;

/// <summary>
/// A typed broadcast of a <see cref="Moved"/> update to every client (the generated <c>Broadcast</c>: encode into a
/// pooled buffer once, then the room's byte broadcast) against the room's raw byte broadcast of the same, already
/// encoded bytes. 100 broadcasts per operation on the room thread; sockets are counting sinks.
/// </summary>
[MemoryDiagnoser]
public class TypedBroadcastBenchmarks
{
    private readonly BroadcastRoom behavior = new();
    private readonly Moved update = new(10492, "player-7", 12.5f, -3.25f);
    private byte[] encoded = null!;
    private RoomRuntime room = null!;

    [Params(1000)]
    public int Clients { get; set; }

    [Params(1, 2)]
    public int Version { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        encoded = BroadcastRoom.Encode(update);
        room = InProcessRoom.Start(behavior, Clients, Version);
    }

    [Benchmark(Baseline = true, Description = "Broadcast(ReadOnlySpan<byte>) of the encoded update")]
    public Task Raw() => room.Dispatcher.Run(() =>
    {
        for (var i = 0; i < 100; i++)
        {
            room.Broadcast(encoded);
        }

        Acknowledge();
        return Task.CompletedTask;
    });

    [Benchmark(Description = "generated Broadcast(Moved)")]
    public Task Typed() => room.Dispatcher.Run(() =>
    {
        for (var i = 0; i < 100; i++)
        {
            behavior.Publish(update);
        }

        Acknowledge();
        return Task.CompletedTask;
    });

    private void Acknowledge()
    {
        if (Version == 2)
        {
            InProcessRoom.AcknowledgeAll(room);
        }
    }
}
