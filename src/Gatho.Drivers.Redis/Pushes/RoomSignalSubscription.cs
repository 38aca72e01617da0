using Gatho.Drivers.Redis.Keys;
using Gatho.Drivers.Waiting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Gatho.Drivers.Redis.Pushes;

/// <summary>
/// A <see cref="RoomWaiter"/>'s subscription to one room's signal channel (<c>ready</c> / <c>failed</c>). The failure
/// reason is not in the message (pushes carry no text); it is read from the room's failure key, written by the same
/// script just before it published.
/// </summary>
internal sealed class RoomSignalSubscription : IAsyncDisposable
{
    private readonly ChannelMessageQueue channel;

    private RoomSignalSubscription(ChannelMessageQueue channel)
    {
        this.channel = channel;
    }

    public static async Task<IAsyncDisposable> StartAsync(
        IConnectionMultiplexer connection, RedisKeyspace keyspace, string roomId, Action<RoomSignal> onSignal, ILogger logger, CancellationToken cancellationToken)
    {
        var channel = await connection.GetSubscriber().SubscribeAsync(keyspace.RoomSignals(roomId)).WaitAsync(cancellationToken).ConfigureAwait(false);
        var database = connection.GetDatabase();
        channel.OnMessage(async message =>
        {
            try
            {
                switch ((string?)message.Message)
                {
                    case "ready":
                        onSignal(RoomSignal.Ready);
                        break;
                    case "failed":
                        var reason = (string?)await database.StringGetAsync(keyspace.RoomFailure(roomId)).ConfigureAwait(false);
                        onSignal(RoomSignal.Failed(reason ?? "room failed"));
                        break;
                }
            }
            catch (Exception e)
            {
                // The waiter's poll still settles the wait.
                logger.LogWarning(e, "room {RoomId}: handling signal {Signal} failed", roomId, (string?)message.Message);
            }
        });
        return new RoomSignalSubscription(channel);
    }

    public async ValueTask DisposeAsync() => await channel.UnsubscribeAsync().ConfigureAwait(false);
}
