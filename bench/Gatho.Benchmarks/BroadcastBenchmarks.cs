using BenchmarkDotNet.Attributes;
using Gatho.Room;
using Gatho.Room.Dispatch;
using Gatho.Room.Hosting;
using Gatho.Room.Runtime;
using Gatho.Room.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatho.Benchmarks;

/// <summary>
/// Room broadcast to N live clients, measured on the room thread's own work: encode once, hand the same array to every
/// socket queue (v2 also keeps it in each outbox until acked). Sockets are replaced by counting sinks so the figure is
/// the room's cost, not the kernel's.
/// </summary>
[MemoryDiagnoser]
public class BroadcastBenchmarks
{
    private RoomRuntime room = null!;
    private SinkConnection[] sinks = null!;

    [Params(10, 100, 1000)]
    public int Clients { get; set; }

    [Params(1, 2)]
    public int Version { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new RoomOptions { MaxBufferBytes = int.MaxValue };
        var context = new ManagedContext(true, "bench", "bench", null, null, null, "{}", "memory", 0);
        room = new RoomRuntime(new RoomCallbacks(), options, context, new RoomDispatcher(NullLogger.Instance), NullLogger.Instance);
        room.Dispatcher.Run(() => room.StartAsync(null, _ => Task.CompletedTask)).GetAwaiter().GetResult();
        sinks = new SinkConnection[Clients];
        for (var i = 0; i < Clients; i++)
        {
            sinks[i] = new SinkConnection(Version);
            room.EnqueueOpen(sinks[i], new Admission("c" + i, "{}", new Dictionary<string, string>(), null, null));
        }

        room.Dispatcher.Run(() => Task.CompletedTask).GetAwaiter().GetResult();
        room.Dispatcher.Run(() => Task.CompletedTask).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "Broadcast(string) to every client, on the room thread")]
    public Task Broadcast() => room.Dispatcher.Run(() =>
    {
        for (var i = 0; i < 100; i++)
        {
            room.Broadcast("{\"type\":\"tick\",\"n\":1}");
        }

        // Keep v2 outboxes from growing without bound: acknowledge what was sent, as clients would.
        if (Version == 2)
        {
            foreach (var client in room.Clients)
            {
                var roomClient = (RoomClient)client;
                roomClient.Outbox.Acknowledge(roomClient.Outbox.LastSeq);
            }
        }

        return Task.CompletedTask;
    });
}
