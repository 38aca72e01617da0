using Gatho.Drivers.Model;

namespace Gatho.Drivers.Conformance.Suite;

// Server liveness: staleness, reaping, keeping alive by heartbeats.
public abstract partial class DriverConformanceSuite
{
    [Fact]
    public async Task A_stale_server_is_hidden_from_ListServers_but_listed_as_stale_and_still_readable()
    {
        var stale = await RegisterServerAsync();
        var endpoint = NewEndpoint();
        var live = await RegisterServerAsync(endpoint: endpoint);
        await AdvanceTimeAsync(StaleServerAfter / 2);
        await Driver.HeartbeatAsync(new ServerHeartbeat(live, endpoint, Model.Tags.None, ["chat"]));

        await AdvanceTimeAsync((StaleServerAfter / 2) + TimeSpan.FromSeconds(1));

        Assert.Equal([live], (await Driver.ListServersAsync()).Select(server => server.ServerId));
        Assert.Equal([stale], (await Driver.ListStaleServersAsync()).Select(server => server.ServerId));
        Assert.NotNull(await Driver.GetServerAsync(stale));
    }

    [Fact]
    public async Task A_fresh_server_is_not_reapable()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);

        Assert.False(await Driver.ReapServerAsync(serverId));

        Assert.NotNull(await Driver.GetServerAsync(serverId));
        Assert.NotNull(await Driver.GetRoomAsync(roomId));
        Assert.Empty(await Driver.ListStaleServersAsync());
    }

    [Fact]
    public async Task Reaping_a_stale_server_removes_only_its_rooms_and_clients()
    {
        var dead = await RegisterServerAsync();
        var deadRoom = await StartRoomAsync(dead);
        var deadRequested = await RegisterRoomAsync(dead, ttl: TimeSpan.FromMinutes(10));
        await Driver.ConnectClientAsync("dead-client", deadRoom, Model.Tags.None);
        var endpoint = NewEndpoint();
        var live = await RegisterServerAsync(endpoint: endpoint);
        var liveRoom = await StartRoomAsync(live);
        await Driver.ConnectClientAsync("live-client", liveRoom, Model.Tags.None);
        await AdvanceTimeAsync(StaleServerAfter / 2);
        await Driver.HeartbeatAsync(new ServerHeartbeat(live, endpoint, Model.Tags.None, ["chat"]));
        await AdvanceTimeAsync((StaleServerAfter / 2) + TimeSpan.FromSeconds(1));

        Assert.True(await Driver.ReapServerAsync(dead));

        Assert.Null(await Driver.GetServerAsync(dead));
        Assert.Null(await Driver.GetRoomAsync(deadRoom));
        Assert.Null(await Driver.GetRoomAsync(deadRequested));
        Assert.False(await Driver.DisconnectClientAsync("dead-client"));
        var survivor = await RequireRoomAsync(liveRoom);
        Assert.Equal(["live-client"], survivor.Clients.Select(client => client.ClientId));
        Assert.Equal([live], (await Driver.ListServersAsync()).Select(server => server.ServerId));
        Assert.False(await Driver.ReapServerAsync(dead));
    }

    [Fact]
    public async Task Reaping_rechecks_staleness_so_a_server_that_beat_again_survives()
    {
        var endpoint = NewEndpoint();
        var serverId = await RegisterServerAsync(endpoint: endpoint);
        await MakeServersStaleAsync();
        Assert.Single(await Driver.ListStaleServersAsync());

        await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, endpoint, Model.Tags.None, ["chat"]));

        Assert.False(await Driver.ReapServerAsync(serverId));
        Assert.Equal([serverId], (await Driver.ListServersAsync()).Select(server => server.ServerId));
    }

    [Fact]
    public async Task A_server_heartbeating_after_being_reaped_is_registered_again()
    {
        var endpoint = NewEndpoint();
        var serverId = await RegisterServerAsync(endpoint: endpoint);
        await StartRoomAsync(serverId);
        await MakeServersStaleAsync();
        Assert.True(await Driver.ReapServerAsync(serverId));

        var beat = await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, endpoint, Model.Tags.None, ["chat"]));

        Assert.True(beat.Registered);
        Assert.Empty(beat.DesiredRooms);
    }

    [Fact]
    public async Task Regular_heartbeats_keep_a_server_and_its_rooms_alive()
    {
        var endpoint = NewEndpoint();
        var serverId = await RegisterServerAsync(endpoint: endpoint);
        var roomId = await StartRoomAsync(serverId);
        var beat = StaleServerAfter / 3;

        for (var i = 0; i < 8; i++)
        {
            await AdvanceTimeAsync(beat);
            Assert.False((await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, endpoint, Model.Tags.None, ["chat"]))).Registered);
        }

        Assert.Equal([serverId], (await Driver.ListServersAsync()).Select(server => server.ServerId));
        Assert.Empty(await Driver.ListStaleServersAsync());
        Assert.Equal(RoomStatus.Running, (await RequireRoomAsync(roomId)).Status);
    }
}
