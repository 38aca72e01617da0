using Gatho.Drivers.Model;
using Gatho.Drivers.Redis;
using StackExchange.Redis;

namespace Gatho.Drivers.Conformance.Redis;

// What only the Redis driver promises: one hash tag for every key, scripts surviving a flushed script cache.
public sealed partial class RedisDriverConformance
{
    private RedisDriver Redis => (RedisDriver)Driver;

    [Fact]
    public async Task Every_key_the_driver_writes_is_under_its_hash_tag()
    {
        var serverId = await RegisterServerAsync(tags: Tags(("region", "eu")));
        var roomId = await StartRoomAsync(serverId, tags: Tags(("mode", "ranked")));
        await ReserveAsync(roomId);
        await Driver.ConnectClientAsync("client-1", roomId, Model.Tags.None);
        Assert.True(await Driver.TryAcquireLeaderAsync(serverId));

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server!.ConnectionString);
        var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: $"*{Redis.KeyTag[1..^1]}*").Select(key => (string)key!).ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.StartsWith(Redis.KeyTag + ":", key, StringComparison.Ordinal));
        Assert.Contains(keys, key => key.EndsWith(":idx:tag:mode=ranked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scripts_are_sent_again_after_Redis_forgot_them()
    {
        var serverId = await RegisterServerAsync();
        var before = Redis.ScriptReloads;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server!.ConnectionString + ",allowAdmin=true");
        await connection.GetServer(connection.GetEndPoints()[0]).ScriptFlushAsync();

        var roomId = await StartRoomAsync(serverId);

        Assert.Equal(RoomStatus.Running, (await RequireRoomAsync(roomId)).Status);
        Assert.True(Redis.ScriptReloads > before);
    }

    [Fact]
    public async Task Rooms_of_a_server_whose_lease_lapsed_are_no_longer_listed_but_come_back_with_its_heartbeat()
    {
        var endpoint = NewEndpoint();
        var serverId = await RegisterServerAsync(endpoint: endpoint);
        var roomId = await StartRoomAsync(serverId);

        await MakeServersStaleAsync();

        Assert.Empty(await Driver.ListRoomsAsync());
        Assert.Null(await Driver.GetRoomAsync(roomId));
        await Assert.ThrowsAsync<Errors.RoomNotFoundException>(() => ReserveAsync(roomId));
        Assert.Single((await Driver.GetServerAsync(serverId))!.Rooms);

        await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, endpoint, Model.Tags.None, ["chat"]));

        Assert.Equal([roomId], (await Driver.ListRoomsAsync()).Select(room => room.RoomId));
    }
}
