using System.Globalization;
using Gatho.Drivers.Events;
using Gatho.Drivers.Postgres.Records;
using Gatho.Drivers.Waiting;
using Microsoft.Extensions.Logging;

namespace Gatho.Drivers.Postgres.Notifications;

/// <summary>
/// Turns the listener's notifications into deliveries: a server event notification (<c>&lt;server id&gt; &lt;seq&gt;</c>)
/// is looked up in <c>server_events</c> and posted to that server's <see cref="ServerEventQueue"/>s; a room signal
/// (<c>ready|failed &lt;room id&gt;</c>) goes to that room's waiters, a failure with its reason read from
/// <c>room_failures</c>. After a reconnect, or when notifications were dropped, it replays the events it has not
/// seen for its subscribers. One loop handles everything, so deliveries keep notification (commit) order.
/// </summary>
internal sealed class NotificationDispatcher : IAsyncDisposable
{
    private const int RememberedSeqs = 4096;

    private readonly PostgresDatabase database;
    private readonly RoomStore rooms;
    private readonly NotificationListener listener;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<ServerEventQueue>> serverQueues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Action<RoomSignal>>> roomHandlers = new(StringComparer.Ordinal);

    // Delivered event seqs, so a replay after a reconnect does not deliver an event twice.
    private readonly HashSet<long> delivered = [];
    private readonly Queue<long> deliveredOrder = new();
    private readonly Task loop;
    private long highWater;
    private bool disposed;

    public NotificationDispatcher(PostgresDatabase database, RoomStore rooms, NotificationListener listener, ILogger logger)
    {
        this.database = database;
        this.rooms = rooms;
        this.listener = listener;
        this.logger = logger;
        loop = Task.Run(RunAsync);
    }

    public async Task<IAsyncDisposable> SubscribeServerAsync(string serverId, Func<ServerEvent, ValueTask> handler, CancellationToken cancellationToken)
    {
        await listener.EnsureListeningAsync(cancellationToken).ConfigureAwait(false);
        var queue = new ServerEventQueue(serverId, handler, logger);
        lock (gate)
        {
            if (disposed)
            {
                _ = queue.DisposeAsync();
                throw new ObjectDisposedException(nameof(PostgresDriver));
            }

            Add(serverQueues, serverId, queue);
        }

        return new Subscription(async () =>
        {
            lock (gate)
            {
                Remove(serverQueues, serverId, queue);
            }

            await queue.DisposeAsync().ConfigureAwait(false);
        });
    }

    public async Task<IAsyncDisposable> SubscribeRoomAsync(string roomId, Action<RoomSignal> onSignal, CancellationToken cancellationToken)
    {
        await listener.EnsureListeningAsync(cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            Add(roomHandlers, roomId, onSignal);
        }

        return new Subscription(() =>
        {
            lock (gate)
            {
                Remove(roomHandlers, roomId, onSignal);
            }

            return ValueTask.CompletedTask;
        });
    }

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
            queues = [.. serverQueues.Values.SelectMany(list => list)];
            serverQueues.Clear();
            roomHandlers.Clear();
        }

        await listener.DisposeAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        foreach (var queue in queues)
        {
            await queue.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        await foreach (var message in listener.Messages.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                switch (message)
                {
                    case ListenerConnected { IsReconnect: false } connected:
                        highWater = Math.Max(highWater, connected.LatestEventSeq);
                        break;
                    case ListenerConnected:
                        await ReplayAsync().ConfigureAwait(false);
                        break;
                    case NotificationReceived received when received.Channel == database.EventsChannel:
                        await OnServerEventAsync(received.Payload).ConfigureAwait(false);
                        break;
                    case NotificationReceived received when received.Channel == database.SignalsChannel:
                        await OnRoomSignalAsync(received.Payload).ConfigureAwait(false);
                        break;
                }

                if (listener.TakeDropped() > 0)
                {
                    await ReplayAsync().ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not ObjectDisposedException)
            {
                // A lost delivery is repaired by the servers' heartbeat reconcile and the waiters' polls.
                logger.LogWarning(e, "handling PostgreSQL notification {Message} failed", message);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task OnServerEventAsync(string payload)
    {
        var space = payload.LastIndexOf(' ');
        if (space <= 0 || !long.TryParse(payload.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            logger.LogWarning("ignoring malformed server event notification {Payload}", payload);
            return;
        }

        highWater = Math.Max(highWater, seq);
        var serverId = payload[..space];
        lock (gate)
        {
            if (!serverQueues.ContainsKey(serverId) || delivered.Contains(seq))
            {
                return;
            }
        }

        var events = await database.QueryAsync(
            "SELECT seq, server_id, kind, room_id, room_type, data FROM {s}.server_events WHERE seq = $1",
            ReadEventsAsync,
            CancellationToken.None,
            seq).ConfigureAwait(false);
        Deliver(events);
    }

    private async Task ReplayAsync()
    {
        string[] subscribed;
        lock (gate)
        {
            subscribed = [.. serverQueues.Keys];
        }

        if (subscribed.Length == 0)
        {
            highWater = await database.ScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM {s}.server_events", CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var events = await database.QueryAsync(
            "SELECT seq, server_id, kind, room_id, room_type, data FROM {s}.server_events WHERE seq > $1 AND server_id = ANY($2) ORDER BY seq",
            ReadEventsAsync,
            CancellationToken.None,
            highWater,
            subscribed).ConfigureAwait(false);
        logger.LogInformation("replaying {Count} server events after seq {Seq} missed while notifications were not received", events.Count, highWater);
        Deliver(events);
    }

    private void Deliver(List<(long Seq, string ServerId, ServerEvent Event)> events)
    {
        lock (gate)
        {
            foreach (var (seq, serverId, serverEvent) in events)
            {
                highWater = Math.Max(highWater, seq);
                if (!delivered.Add(seq))
                {
                    continue;
                }

                deliveredOrder.Enqueue(seq);
                if (deliveredOrder.Count > RememberedSeqs)
                {
                    delivered.Remove(deliveredOrder.Dequeue());
                }

                if (serverQueues.TryGetValue(serverId, out var queues))
                {
                    foreach (var queue in queues)
                    {
                        queue.Post(serverEvent);
                    }
                }
            }
        }
    }

    private async Task OnRoomSignalAsync(string payload)
    {
        var space = payload.IndexOf(' ');
        var (kind, roomId) = space < 0 ? (payload, string.Empty) : (payload[..space], payload[(space + 1)..]);
        Action<RoomSignal>[] targets;
        lock (gate)
        {
            if (!roomHandlers.TryGetValue(roomId, out var handlers) || handlers.Count == 0)
            {
                return;
            }

            targets = [.. handlers];
        }

        RoomSignal? signal = kind switch
        {
            "ready" => RoomSignal.Ready,
            "failed" => await rooms.FailureReasonAsync(roomId, CancellationToken.None).ConfigureAwait(false) is { } reason ? RoomSignal.Failed(reason) : null,
            _ => null,
        };
        if (signal is null)
        {
            return;
        }

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
    }

    private static async Task<List<(long Seq, string ServerId, ServerEvent Event)>> ReadEventsAsync(Npgsql.NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await PostgresDatabase.ReadAllAsync(
            reader,
            row =>
            {
                var roomId = row.GetString(3);
                ServerEvent serverEvent = row.GetInt16(2) == 0
                    ? new RoomAssignedEvent(roomId, row.GetString(4), row.GetString(5))
                    : new RoomRemovedEvent(roomId);
                return (row.GetInt64(0), row.GetString(1), serverEvent);
            },
            cancellationToken).ConfigureAwait(false);

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T item)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(item);
    }

    private static void Remove<T>(Dictionary<string, List<T>> map, string key, T item)
    {
        if (map.TryGetValue(key, out var list) && list.Remove(item) && list.Count == 0)
        {
            map.Remove(key);
        }
    }

    /// <summary>An unsubscribe handle that runs its action once.</summary>
    private sealed class Subscription(Func<ValueTask> unsubscribe) : IAsyncDisposable
    {
        private int disposed;

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref disposed, 1) == 0 ? unsubscribe() : ValueTask.CompletedTask;
    }
}
