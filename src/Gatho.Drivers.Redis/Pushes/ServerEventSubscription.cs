using Gatho.Drivers.Events;
using Gatho.Drivers.Redis.Keys;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Gatho.Drivers.Redis.Pushes;

/// <summary>
/// One subscriber of a server's push channel. Messages carry ids only (<c>assigned &lt;room&gt; &lt;type&gt;</c>,
/// <c>removed &lt;room&gt;</c>); an assignment's data is read from the room's hash or, once the room is deleted, from
/// its data tombstone, which lives a minute, so an assignment read late still becomes a full
/// <see cref="RoomAssignedEvent"/>. Messages are handled one
/// at a time in channel order and handed to a <see cref="ServerEventQueue"/>, which runs the handler. A push lost
/// while the connection was down is repaired by the server's next heartbeat (its desired-room set).
/// </summary>
internal sealed class ServerEventSubscription : IAsyncDisposable
{
    private readonly ChannelMessageQueue channel;
    private readonly ServerEventQueue queue;

    private ServerEventSubscription(ChannelMessageQueue channel, ServerEventQueue queue)
    {
        this.channel = channel;
        this.queue = queue;
    }

    public static async Task<ServerEventSubscription> StartAsync(
        IConnectionMultiplexer connection, RedisKeyspace keyspace, string serverId, Func<ServerEvent, ValueTask> handler, ILogger logger)
    {
        var queue = new ServerEventQueue(serverId, handler, logger);
        ChannelMessageQueue channel;
        try
        {
            channel = await connection.GetSubscriber().SubscribeAsync(keyspace.ServerEvents(serverId)).ConfigureAwait(false);
        }
        catch
        {
            await queue.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var database = connection.GetDatabase();
        channel.OnMessage(async message =>
        {
            try
            {
                if (await ReadAsync(database, keyspace, (string?)message.Message, logger).ConfigureAwait(false) is { } serverEvent)
                {
                    queue.Post(serverEvent);
                }
            }
            catch (Exception e)
            {
                // The heartbeat's desired set repairs a push lost here within one tick.
                logger.LogWarning(e, "server {ServerId}: could not read push {Message}; the next heartbeat reconciles", serverId, (string?)message.Message);
            }
        });
        return new ServerEventSubscription(channel, queue);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await channel.UnsubscribeAsync().ConfigureAwait(false);
        }
        finally
        {
            await queue.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<ServerEvent?> ReadAsync(IDatabaseAsync database, RedisKeyspace keyspace, string? message, ILogger logger)
    {
        var words = (message ?? string.Empty).Split(' ');
        switch (words)
        {
            case ["assigned", var roomId, var roomType]:
                var data = (string?)await database.HashGetAsync(keyspace.Room(roomId), "data").ConfigureAwait(false)
                    ?? (string?)await database.StringGetAsync(keyspace.RoomData(roomId)).ConfigureAwait(false);
                if (data is null)
                {
                    logger.LogWarning("room {RoomId}: assignment read after its data expired; pushing it without data", roomId);
                }

                return new RoomAssignedEvent(roomId, roomType, data ?? "{}");
            case ["removed", var roomId]:
                return new RoomRemovedEvent(roomId);
            default:
                logger.LogWarning("ignoring unknown push {Message}", message);
                return null;
        }
    }
}
