using Gatho.Drivers.Events;
using Gatho.Drivers.Validation;
using Gatho.Drivers.Waiting;
using Microsoft.Extensions.Logging;

namespace Gatho.Drivers.Memory;

// Push channels: per-server event queues and per-room ready/failed signals (gatho's in-process event emitter).
public sealed partial class MemoryDriver
{
    private readonly Dictionary<string, List<ServerEventQueue>> eventQueues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Action<RoomSignal>>> roomSignalHandlers = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IAsyncDisposable> SubscribeServerEventsAsync(string serverId, Func<ServerEvent, ValueTask> handler, CancellationToken cancellationToken = default) =>
        Complete<IAsyncDisposable>(
            () =>
            {
                DriverArguments.Id(serverId, nameof(serverId));
                ArgumentNullException.ThrowIfNull(handler);
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    var queue = new ServerEventQueue(serverId, handler, logger);
                    if (!eventQueues.TryGetValue(serverId, out var queues))
                    {
                        eventQueues[serverId] = queues = [];
                    }

                    queues.Add(queue);
                    return new Subscription(async () =>
                    {
                        lock (gate)
                        {
                            if (eventQueues.TryGetValue(serverId, out var current) && current.Remove(queue) && current.Count == 0)
                            {
                                eventQueues.Remove(serverId);
                            }
                        }

                        await queue.DisposeAsync().ConfigureAwait(false);
                    });
                }
            },
            cancellationToken);

    /// <summary>Queues an event for every subscriber of <paramref name="serverId"/>. Call under the lock, so queue order is write order.</summary>
    private void PostServerEvent(string serverId, ServerEvent serverEvent)
    {
        if (eventQueues.TryGetValue(serverId, out var queues))
        {
            foreach (var queue in queues)
            {
                queue.Post(serverEvent);
            }
        }
    }

    private Task<IAsyncDisposable> SubscribeRoomSignalsAsync(string roomId, Action<RoomSignal> onSignal, CancellationToken cancellationToken) =>
        Complete<IAsyncDisposable>(
            () =>
            {
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    if (!roomSignalHandlers.TryGetValue(roomId, out var handlers))
                    {
                        roomSignalHandlers[roomId] = handlers = [];
                    }

                    handlers.Add(onSignal);
                }

                return new Subscription(() =>
                {
                    lock (gate)
                    {
                        if (roomSignalHandlers.TryGetValue(roomId, out var current) && current.Remove(onSignal) && current.Count == 0)
                        {
                            roomSignalHandlers.Remove(roomId);
                        }
                    }

                    return ValueTask.CompletedTask;
                });
            },
            cancellationToken);

    /// <summary>
    /// Captures the handlers of <paramref name="roomId"/> under the lock and returns the delivery to run after it is
    /// released: handlers read the room, which needs the lock.
    /// </summary>
    private Action? PrepareRoomSignal(string roomId, RoomSignal signal)
    {
        if (!roomSignalHandlers.TryGetValue(roomId, out var handlers) || handlers.Count == 0)
        {
            return null;
        }

        var targets = handlers.ToArray();
        return () =>
        {
            foreach (var handler in targets)
            {
                try
                {
                    handler(signal);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "room signal handler for room {RoomId} threw on {Signal}", roomId, signal);
                }
            }
        };
    }

    /// <summary>An unsubscribe handle that runs its action once.</summary>
    private sealed class Subscription(Func<ValueTask> unsubscribe) : IAsyncDisposable
    {
        private int disposed;

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref disposed, 1) == 0 ? unsubscribe() : ValueTask.CompletedTask;
    }
}
