using Gatho.Drivers.Conformance.Support;
using Gatho.Drivers.Errors;
using Gatho.Drivers.Memory;
using Gatho.Drivers.Model;
using Microsoft.Extensions.Time.Testing;

namespace Gatho.Drivers.Conformance.Memory;

// What only the memory driver does: background prune, its own staleness setting, local leadership, disposal
// (gatho-behaviour §8.3, §11 memory-prune and stale-server-ms).
public sealed partial class MemoryDriverConformance
{
    [Fact]
    public async Task The_prune_deletes_a_stale_server_with_its_rooms_and_clients_without_a_reaper()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);
        await Driver.ConnectClientAsync("client-1", roomId, Model.Tags.None);

        await AdvanceTimeAsync(TimeSpan.FromSeconds(31));
        Assert.NotNull(await Driver.GetServerAsync(serverId)); // stale, not yet pruned
        await AdvanceTimeAsync(TimeSpan.FromSeconds(9));

        Assert.Null(await Driver.GetServerAsync(serverId));
        Assert.Null(await Driver.GetRoomAsync(roomId));
        Assert.Empty(await Driver.ListStaleServersAsync());
        Assert.False(await Driver.DisconnectClientAsync("client-1"));
    }

    [Fact]
    public async Task The_prune_keeps_live_servers_and_connected_clients()
    {
        var endpoint = NewEndpoint();
        var serverId = await RegisterServerAsync(endpoint: endpoint);
        var roomId = await StartRoomAsync(serverId);
        await Driver.ConnectClientAsync("client-1", roomId, Model.Tags.None);

        for (var i = 0; i < 12; i++)
        {
            await AdvanceTimeAsync(TimeSpan.FromSeconds(5));
            await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, endpoint, Model.Tags.None, ["chat"]));
        }

        var client = Assert.Single((await RequireRoomAsync(roomId)).Clients);
        Assert.Equal(ClientStatus.Connected, client.Status);
    }

    [Fact]
    public void Default_settings_are_gathos_30_second_staleness_and_10_second_prune()
    {
        var driver = new MemoryDriver();

        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)), (driver.StaleServerAfter, driver.PruneInterval));
        Assert.True(driver.IsLocal);
    }

    [Fact]
    public async Task A_custom_staleness_threshold_is_honoured()
    {
        var fake = new FakeTimeProvider();
        await using var driver = new MemoryDriver(new MemoryDriverOptions { StaleServerAfter = TimeSpan.FromSeconds(5) }, fake);
        await driver.HeartbeatAsync(new ServerHeartbeat("server-1", "http://10.0.0.1:3000", Model.Tags.None, ["chat"]));

        AdvanceClock(fake, TimeSpan.FromSeconds(5));
        Assert.Single(await driver.ListServersAsync());
        AdvanceClock(fake, TimeSpan.FromSeconds(1));

        Assert.Empty(await driver.ListServersAsync());
        Assert.Single(await driver.ListStaleServersAsync());
    }

    [Theory]
    [InlineData("StaleServerAfter", 0)]
    [InlineData("StaleServerAfter", -5)]
    [InlineData("PruneInterval", 0)]
    public void Unusable_settings_throw_DriverConfig_naming_the_setting(string setting, int seconds)
    {
        var options = setting == "StaleServerAfter"
            ? new MemoryDriverOptions { StaleServerAfter = TimeSpan.FromSeconds(seconds) }
            : new MemoryDriverOptions { PruneInterval = TimeSpan.FromSeconds(seconds) };

        var error = Assert.Throws<DriverConfigException>(() => new MemoryDriver(options));

        Assert.Equal((setting, "driver-config"), (error.Setting, error.Code));
        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public async Task Disposing_stops_the_prune_and_refuses_later_calls()
    {
        var clock = new TimerTrackingTimeProvider(new FakeTimeProvider());
        var driver = new MemoryDriver(timeProvider: clock);
        Assert.Equal(1, clock.LiveTimers);

        await driver.DisposeAsync();

        Assert.Equal(0, clock.LiveTimers);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.ListRoomsAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.HeartbeatAsync(new ServerHeartbeat("server-1", "http://10.0.0.1:3000", Model.Tags.None, [])));
        await driver.DisposeAsync(); // idempotent
    }

    [Fact]
    public async Task Disposing_ends_event_subscriptions()
    {
        var driver = new MemoryDriver(timeProvider: new FakeTimeProvider());
        var subscription = await driver.SubscribeServerEventsAsync("server-1", _ => ValueTask.CompletedTask);

        await driver.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.SubscribeServerEventsAsync("server-1", _ => ValueTask.CompletedTask));
        await subscription.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)); // a late unsubscribe is harmless
    }
}
