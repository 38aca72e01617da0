using Gatho.Drivers.Events;
using Gatho.Drivers.Model;
using Gatho.Drivers.Waiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatho.Drivers.Memory;

/// <summary>
/// The in-process driver (gatho-behaviour §8.3): one process runs the server and the SDK, which must share this one
/// instance. State lives in maps behind a single lock; requested rooms and reservations lapse at their TTL (hidden on
/// every read, deleted by the background prune), and the prune deletes stale servers with their rooms and clients.
/// Leader election always succeeds. All timing comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class MemoryDriver : IDriver
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ServerRecord> servers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoomRecord> rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClientRecord> clients = new(StringComparer.Ordinal);

    // TTL'd records by expiry, so a sweep costs only what lapsed. Entries are checked against the record on the way
    // out: a room that became running or a client that connected (or was deleted) in the meantime is left alone.
    private readonly PriorityQueue<string, DateTimeOffset> roomExpiries = new();
    private readonly PriorityQueue<string, DateTimeOffset> clientExpiries = new();

    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ITimer pruneTimer;
    private readonly RoomWaiter waiter;
    private long roomSequence;
    private bool disposed;

    /// <summary>Creates a driver; <paramref name="timeProvider"/> defaults to the system clock.</summary>
    /// <exception cref="Errors.DriverConfigException">An option is unusable.</exception>
    public MemoryDriver(MemoryDriverOptions? options = null, TimeProvider? timeProvider = null, ILogger<MemoryDriver>? logger = null)
    {
        options ??= new MemoryDriverOptions();
        options.Validate();
        StaleServerAfter = options.StaleServerAfter;
        PruneInterval = options.PruneInterval;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger<MemoryDriver>.Instance;
        waiter = new RoomWaiter(GetRoomAsync, SubscribeRoomSignalsAsync, time, this.logger);
        pruneTimer = time.CreateTimer(_ => Prune(), null, PruneInterval, PruneInterval);
    }

    /// <inheritdoc />
    public bool IsLocal => true;

    /// <inheritdoc />
    public TimeSpan StaleServerAfter { get; }

    /// <summary>How often the background prune runs.</summary>
    public TimeSpan PruneInterval { get; }

    /// <summary>Stops the background prune and every event subscription. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        List<ServerEventQueue> queues;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            queues = [.. eventQueues.Values.SelectMany(list => list)];
            eventQueues.Clear();
            roomSignalHandlers.Clear();
        }

        await pruneTimer.DisposeAsync().ConfigureAwait(false);
        foreach (var queue in queues)
        {
            await queue.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One prune; the timer calls this every <see cref="PruneInterval"/>.</summary>
    private void Prune()
    {
        try
        {
            lock (gate)
            {
                if (disposed)
                {
                    return;
                }

                var now = time.GetUtcNow();
                SweepLapsed(now);
                foreach (var server in servers.Values.Where(s => IsStale(s, now)).ToList())
                {
                    logger.LogInformation("pruning stale server {ServerId} (last heartbeat {LastHeartbeat:O}) with {RoomCount} rooms", server.ServerId, server.LastHeartbeat, server.RoomIds.Count);
                    RemoveServer(server);
                }
            }
        }
        catch (Exception e)
        {
            // A timer callback must not throw; the next prune retries.
            logger.LogError(e, "memory driver prune failed");
        }
    }

    /// <summary>Deletes requested rooms and reservations whose TTL has passed. Call under the lock.</summary>
    private void SweepLapsed(DateTimeOffset now)
    {
        while (roomExpiries.TryPeek(out var roomId, out var at) && at <= now)
        {
            roomExpiries.Dequeue();
            if (rooms.TryGetValue(roomId, out var room) && room.RequestedExpiresAt is { } expiry && expiry <= now)
            {
                logger.LogDebug("requested room {RoomId} lapsed at {Expiry:O}", roomId, expiry);
                RemoveRoom(room);
            }
        }

        while (clientExpiries.TryPeek(out var clientId, out var at) && at <= now)
        {
            clientExpiries.Dequeue();
            if (clients.TryGetValue(clientId, out var client) && client.ExpiresAt is { } expiry && expiry <= now)
            {
                RemoveClient(client);
            }
        }
    }

    /// <summary>Enters the lock for an operation: refuses after disposal and hides lapsed records. Returns now.</summary>
    private DateTimeOffset BeginLocked(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(disposed, this);
        var now = time.GetUtcNow();
        SweepLapsed(now);
        return now;
    }

    private bool IsStale(ServerRecord server, DateTimeOffset now) => now - server.LastHeartbeat > StaleServerAfter;

    private void RemoveRoom(RoomRecord room)
    {
        foreach (var clientId in room.ClientIds)
        {
            clients.Remove(clientId);
        }

        rooms.Remove(room.RoomId);
        if (servers.TryGetValue(room.ServerId, out var server))
        {
            server.RoomIds.Remove(room.RoomId);
        }
    }

    private void RemoveClient(ClientRecord client)
    {
        clients.Remove(client.ClientId);
        if (rooms.TryGetValue(client.RoomId, out var room))
        {
            room.ClientIds.Remove(client.ClientId);
        }
    }

    private void RemoveServer(ServerRecord server)
    {
        foreach (var roomId in server.RoomIds.ToList())
        {
            if (rooms.TryGetValue(roomId, out var room))
            {
                RemoveRoom(room);
            }
        }

        servers.Remove(server.ServerId);
    }

    /// <summary>
    /// Runs a synchronous operation and reports its outcome as a task, so callers see the same faulted-task shape
    /// (and cancellation as a cancelled task) as from a networked driver.
    /// </summary>
    private static Task<T> Complete<T>(Func<T> operation, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(operation());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static Task Complete(Action operation, CancellationToken cancellationToken) =>
        Complete(
            () =>
            {
                operation();
                return true;
            },
            cancellationToken);
}
