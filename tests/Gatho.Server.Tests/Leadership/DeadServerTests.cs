using Gatho.Drivers.Memory;
using Gatho.Drivers.Model;
using Gatho.Protocol.Notify;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Leadership;

/// <summary>
/// Every listing is a lease (DESIGN D9, gatho-behaviour §7.8, §7.10, e2e "memory-prune"): a server that dies without
/// draining disappears from listings once stale and is reaped with its rooms, while a live one is kept however long
/// it runs — and a live server whose record was reaped puts its rooms back.
/// </summary>
public sealed class DeadServerTests
{
    // Short, but with room for a loaded CI machine: a live server (heartbeat every 100 ms) must never look stale.
    private static readonly TimeSpan Stale = TimeSpan.FromMilliseconds(1500);

    [Fact]
    public async Task A_dead_servers_listings_expire_and_the_leader_reaps_it_with_its_rooms()
    {
        // The store's own prune is out of the picture: only the surviving server's leader rounds can delete the record.
        await using var cluster = new TestCluster(new MemoryDriverOptions { StaleServerAfter = Stale, PruneInterval = TimeSpan.FromHours(1) });
        var dead = await cluster.StartServerAsync();
        var survivor = await cluster.StartServerAsync();
        var (deadRoom, deadHandle) = await cluster.CreateFakeAsync(dead);
        var (liveRoom, _) = await cluster.CreateFakeAsync(survivor);

        await dead.AbandonForTestsAsync();
        await Wait.ForAsync(deadHandle.Room!.ClosedByServer, "the dead server's notify sockets closed");

        await Wait.UntilAsync(async () => (await cluster.Sdk.GetServersAsync()).All(s => s.ServerId != dead.ServerId), "the dead server hidden once stale");
        await Wait.UntilAsync(async () => await cluster.Store.GetServerAsync(dead.ServerId) is null, "the dead server reaped");
        Assert.True(survivor.IsLeader);
        // The leader logs the reap after the store has deleted the record, so the line can trail the deletion.
        await Wait.UntilAsync(() => cluster.Logs.Lines.Any(l => l.Message.Contains($"reaped stale server {dead.ServerId}", StringComparison.Ordinal)), "the reap logged");
        Assert.Null(await cluster.Sdk.GetRoomAsync(deadRoom.RoomId));

        // The survivor and its room are untouched.
        Assert.Equal(survivor.ServerId, (await cluster.Sdk.GetServersAsync()).Single().ServerId);
        Assert.Equal(RoomStatus.Running, (await cluster.Sdk.GetRoomAsync(liveRoom.RoomId))!.Status);
        Assert.Empty(cluster.Driver.Failures);
    }

    [Fact]
    public async Task Without_a_leader_the_memory_driver_prunes_a_dead_server_with_its_rooms()
    {
        await using var cluster = new TestCluster(new MemoryDriverOptions { StaleServerAfter = Stale, PruneInterval = TimeSpan.FromMilliseconds(100) });
        var dead = await cluster.StartServerAsync();
        var (room, _) = await cluster.CreateFakeAsync(dead);

        await dead.AbandonForTestsAsync();

        await Wait.UntilAsync(async () => await cluster.Store.GetServerAsync(dead.ServerId) is null, "the dead server pruned");
        Assert.Null(await cluster.Sdk.GetRoomAsync(room.RoomId));
        Assert.Empty(await cluster.Store.ListStaleServersAsync());
    }

    [Fact]
    public async Task A_live_server_and_its_rooms_outlive_many_prune_rounds_and_lapsed_seats_go_while_connected_clients_stay()
    {
        await using var cluster = new TestCluster(new MemoryDriverOptions { StaleServerAfter = Stale, PruneInterval = TimeSpan.FromMilliseconds(50) });
        var server = await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(server);
        var seated = await cluster.Sdk.JoinAsync(room.RoomId, ttl: TimeSpan.FromMilliseconds(300));
        var lapsing = await cluster.Sdk.JoinAsync(room.RoomId, ttl: TimeSpan.FromMilliseconds(300));
        await handle.SendAsync(new ClientConnectedNotify(seated.ClientId, room.RoomId, new Dictionary<string, string>()));
        await Wait.UntilAsync(async () => (await cluster.Sdk.GetRoomAsync(room.RoomId))!.Clients.Any(c => c.ClientId == seated.ClientId && c.Status == ClientStatus.Connected), "the seated client connected");
        await using var pump = Beats.Pump(handle, seated.ClientId);

        // Two stale periods' worth of ticks, with the prune running every 50 ms throughout.
        var ticks = cluster.Driver.Heartbeats;
        await Wait.UntilAsync(() => cluster.Driver.Heartbeats >= ticks + (int)(2 * Stale / TimeSpan.FromMilliseconds(100)), "two stale periods of heartbeats");

        Assert.Equal(server.ServerId, (await cluster.Sdk.GetServersAsync()).Single().ServerId);
        var clients = (await cluster.Sdk.GetRoomAsync(room.RoomId))!.Clients;
        var kept = Assert.Single(clients);
        Assert.Equal(seated.ClientId, kept.ClientId);
        Assert.DoesNotContain(clients, c => c.ClientId == lapsing.ClientId);
        Assert.Equal(0, handle.StopperCalls);
    }

    [Fact]
    public async Task A_live_server_whose_record_was_reaped_puts_its_ready_rooms_back_without_stopping_them()
    {
        await using var cluster = new TestCluster(new MemoryDriverOptions { StaleServerAfter = Stale, PruneInterval = TimeSpan.FromHours(1) });

        // This server alone loses the store for a while (a partition); the other one stays and reaps it.
        var cut = new InterceptingDriver(cluster.Store);
        var partitioned = await cluster.StartServerAsync(o => o.Driver = cut);
        await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(partitioned, Wait.Patience);
        var secret = await cluster.SecretInStoreAsync(room.RoomId);
        await using var pump = Beats.Pump(handle);

        cut.FailHeartbeats = true;
        await Wait.UntilAsync(async () => await cluster.Store.GetServerAsync(partitioned.ServerId) is null, "the partitioned server reaped");
        Assert.Null(await cluster.Sdk.GetRoomAsync(room.RoomId));
        cut.FailHeartbeats = false;

        await Wait.UntilAsync(async () => (await cluster.Sdk.GetRoomAsync(room.RoomId))?.Status == RoomStatus.Running, "the room re-registered as running");
        var back = (await cluster.Sdk.GetRoomAsync(room.RoomId))!;
        Assert.Equal(partitioned.ServerId, back.ServerId);
        Assert.Equal(room.Endpoint, back.Endpoint);
        Assert.Equal(secret, await cluster.SecretInStoreAsync(room.RoomId));
        Assert.Equal(room.DataJson, back.DataJson);
        // Logged after the room is back in the store, so the line can trail what the wait above saw.
        await Wait.UntilAsync(() => cluster.Logs.Lines.Any(l => l.Message.Contains("re-registered after this server's record was reaped", StringComparison.Ordinal)), "the re-registration logged");

        // Not mistaken for an unwanted room on the following ticks.
        var ticks = cut.Heartbeats;
        await Wait.UntilAsync(() => cut.Heartbeats >= ticks + 3, "three more ticks");
        Assert.Equal(0, handle.StopperCalls);
        Assert.Empty(handle.StopReasons);
        Assert.NotNull(await cluster.Sdk.JoinAsync(room.RoomId));
    }
}
