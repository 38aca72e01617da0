using Gatho.Room;
using Gatho.Room.Dispatch;
using Gatho.Room.Hosting;
using Gatho.Room.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatho.Benchmarks;

/// <summary>
/// A started room runtime with <c>clients</c> admitted over <see cref="SinkConnection"/>s: no sockets, no Kestrel, so
/// benchmarks see the room thread's own work.
/// </summary>
internal static class InProcessRoom
{
    public static RoomRuntime Start(IRoomBehavior behavior, int clients, int version)
    {
        var options = new RoomOptions { MaxBufferBytes = int.MaxValue };
        var context = new ManagedContext(true, "bench", "bench", null, null, null, "{}", "memory", 0);
        var room = new RoomRuntime(behavior, options, context, new RoomDispatcher(NullLogger.Instance), NullLogger.Instance);
        room.Dispatcher.Run(() => room.StartAsync(null, _ => Task.CompletedTask)).GetAwaiter().GetResult();
        for (var i = 0; i < clients; i++)
        {
            room.EnqueueOpen(new SinkConnection(version), new Admission("c" + i, "{}", new Dictionary<string, string>(), null, null));
        }

        // Admission runs auth and join on the room thread: two round trips let both finish for every client.
        room.Dispatcher.Run(() => Task.CompletedTask).GetAwaiter().GetResult();
        room.Dispatcher.Run(() => Task.CompletedTask).GetAwaiter().GetResult();
        if (room.Clients.Count != clients)
        {
            throw new InvalidOperationException($"{room.Clients.Count} of {clients} clients joined");
        }

        return room;
    }

    /// <summary>Acknowledges everything sent so far, as v2 clients would, so outboxes do not grow without bound.</summary>
    public static void AcknowledgeAll(RoomRuntime room)
    {
        foreach (var client in room.Clients)
        {
            var roomClient = (RoomClient)client;
            roomClient.Outbox.Acknowledge(roomClient.Outbox.LastSeq);
        }
    }
}
