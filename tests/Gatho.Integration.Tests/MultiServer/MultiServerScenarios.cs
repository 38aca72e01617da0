using System.Diagnostics;
using Gatho.Integration.Tests.MultiServer.Stores;
using Gatho.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Gatho.Integration.Tests.MultiServer;

/// <summary>
/// Several servers, a separate backend and one store, and what must survive when a server or the store dies (issue 9;
/// Colyseus' registry bugs #968, #978, #850 are the bar). Written once for every networked store: a store's test
/// class derives from this with its <see cref="IStoreFixture"/>. Measured times are written to the test output.
/// </summary>
public abstract class MultiServerScenarios<TStore> : IAsyncLifetime
    where TStore : IStoreFixture, new()
{
    private readonly ITestOutputHelper output;

    protected MultiServerScenarios(ITestOutputHelper output)
    {
        this.output = output;
    }

    protected TStore Store { get; } = new();

    public Task InitializeAsync() => Store.StartAsync();

    public async Task DisposeAsync() => await Store.DisposeAsync();

    [Fact]
    public async Task Sixty_rooms_created_least_loaded_are_spread_evenly_and_clients_join_on_every_server()
    {
        await using var cluster = await MultiServerCluster.StartAsync(Store, servers: 3);

        var rooms = new List<ListedRoom>();
        for (var i = 0; i < 60; i++)
        {
            rooms.Add(await cluster.CreateRoomAsync());
        }

        var placed = rooms.GroupBy(room => room.ServerId).ToDictionary(group => group.Key, group => group.Count());
        output.WriteLine($"{Store.Name}: 60 rooms placed {string.Join('/', placed.Values)}");
        Assert.Equal(cluster.Servers.Select(server => server.ServerId).Order(), placed.Keys.Order());
        Assert.All(placed.Values, count => Assert.InRange(count, 19, 21));
        Assert.All(await cluster.ServersAsync(), server => Assert.InRange(server.Rooms, 19, 21));
        Assert.Equal(rooms.Select(room => room.RoomId).Order(), cluster.LiveRoomProcesses().Select(room => room.RoomId).Order());
        foreach (var onServer in rooms.GroupBy(room => room.ServerId))
        {
            foreach (var room in onServer.Take(2))
            {
                await cluster.EchoAsync(await cluster.JoinAsync(room));
            }
        }
    }

    [Fact]
    public async Task A_SIGKILLed_server_leaves_no_rooms_or_listings_behind_and_the_others_are_untouched()
    {
        await using var cluster = await StartWithClientsAsync();
        var victim = cluster.Servers[0];
        var victimRooms = cluster.Clients.Where(client => client.ServerId == victim.ServerId).Select(client => client.RoomId).ToHashSet();
        var victimProcesses = victim.LiveRoomProcesses();
        Assert.Equal(2, victimProcesses.Count);

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        await Wait.UntilAsync(async () => await TryRoomsAsync(cluster) is { } listed && !listed.Any(room => victimRooms.Contains(room.RoomId)), "the dead server's rooms to leave the listing");
        var listingGone = clock.Elapsed;
        foreach (var process in victimProcesses)
        {
            await RoomProcesses.ExitedAsync(process, $"room process {process.Pid} of the killed server to exit by itself", MultiServerCluster.RedialGrace + Cluster.Patience);
        }

        var roomsExited = clock.Elapsed;
        await Wait.UntilAsync(async () => !await cluster.ServerRecordedAsync(victim.ServerId), "the leader to reap the dead server");
        var reaped = clock.Elapsed;
        output.WriteLine($"{Store.Name}: after SIGKILL listings gone in {listingGone.TotalMilliseconds:F0} ms (lease {MultiServerCluster.Lease.TotalMilliseconds} ms), room processes exited in {roomsExited.TotalMilliseconds:F0} ms, reaped in {reaped.TotalMilliseconds:F0} ms");

        // How soon the listing goes is a figure (printed above), not an assertion: under load it is the lease plus however
        // late the reader runs. The waits above already fail the test if it never goes.
        var survivors = cluster.Clients.Where(client => client.ServerId != victim.ServerId).ToList();
        Assert.Equal(survivors.Select(client => client.RoomId).Order(), (await cluster.RoomsAsync()).Select(room => room.RoomId).Order());
        Assert.Equal(2, (await cluster.ServersAsync()).Count);
        foreach (var client in survivors)
        {
            await cluster.EchoAsync(client);
        }
    }

    [Fact]
    public async Task After_the_store_restarts_empty_every_server_and_live_room_is_listed_again_and_no_client_is_dropped()
    {
        await using var cluster = await StartWithClientsAsync();
        var expected = cluster.Clients.Select(client => client.RoomId).Order().ToList();

        await Store.KillAsync();
        await Store.RestartEmptyAsync();
        var clock = Stopwatch.StartNew();
        await Wait.UntilAsync(async () => await TryServersAsync(cluster) is { Count: 3 }, "every server to register again");
        var reregistered = clock.Elapsed;
        await Wait.UntilAsync(
            async () => await TryRoomsAsync(cluster) is { } listed && listed.Where(room => room.Status == "running").Select(room => room.RoomId).Order().SequenceEqual(expected),
            "every live room to be listed again");
        var relisted = clock.Elapsed;
        output.WriteLine($"{Store.Name}: after an empty restart servers re-registered in {reregistered.TotalMilliseconds:F0} ms, rooms listed again in {relisted.TotalMilliseconds:F0} ms (heartbeat {MultiServerCluster.Cadence.TotalMilliseconds} ms)");

        foreach (var client in cluster.Clients)
        {
            await cluster.EchoAsync(client);
        }

        Assert.Equal(expected, cluster.LiveRoomProcesses().Select(room => room.RoomId).Order());
    }

    [Fact]
    public async Task A_store_paused_for_longer_than_a_lease_runs_no_room_twice_and_lists_no_gone_room()
    {
        await using var cluster = await StartWithClientsAsync();
        var expected = cluster.Clients.Select(client => client.RoomId).Order().ToList();

        Store.Pause();
        try
        {
            // The stimulus, not a wait for an event: the store must stay frozen for longer than one lease.
            await Task.Delay(MultiServerCluster.Lease * 1.5);
        }
        finally
        {
            Store.Resume();
        }

        var clock = Stopwatch.StartNew();
        await Wait.UntilAsync(
            async () => await TryServersAsync(cluster) is { Count: 3 } && await TryRoomsAsync(cluster) is { } listed
                && listed.Where(room => room.Status == "running").Select(room => room.RoomId).Order().SequenceEqual(expected),
            "servers and rooms to be listed again after the pause");
        output.WriteLine($"{Store.Name}: after a {(MultiServerCluster.Lease * 1.5).TotalMilliseconds} ms pause everything was listed again in {clock.Elapsed.TotalMilliseconds:F0} ms");

        var processes = cluster.LiveRoomProcesses();
        Assert.Equal(expected, processes.Select(room => room.RoomId).Order());
        var listedNow = await cluster.RoomsAsync();
        Assert.All(listedNow, room => Assert.Contains(room.RoomId, processes.Select(process => process.RoomId)));
        foreach (var client in cluster.Clients)
        {
            await cluster.EchoAsync(client);
        }
    }

    [Fact]
    public async Task A_draining_server_lets_its_rooms_go_while_the_others_keep_taking_new_rooms()
    {
        await using var cluster = await StartWithClientsAsync();
        var draining = cluster.Servers[0];
        var leaving = cluster.Clients.Where(client => client.ServerId == draining.ServerId).ToList();

        var clock = Stopwatch.StartNew();
        draining.Terminate();
        await Wait.UntilAsync(async () => !(await cluster.ServersAsync()).Any(server => server.ServerId == draining.ServerId && server.RoomTypes.Contains("echo")), "the draining server to stop offering rooms");
        var stoppedOffering = clock.Elapsed;
        var created = new List<ListedRoom>();
        for (var i = 0; i < 4; i++)
        {
            created.Add(await cluster.CreateRoomAsync());
        }

        Assert.DoesNotContain(created, room => room.ServerId == draining.ServerId);
        foreach (var client in leaving)
        {
            Assert.Equal(1001, (await client.Wire.ClosedAsync()).Code);
        }

        await draining.Stopped.WaitAsync(Cluster.Patience);
        output.WriteLine($"{Store.Name}: drain stopped offering rooms after {stoppedOffering.TotalMilliseconds:F0} ms and finished after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.False(await cluster.ServerRecordedAsync(draining.ServerId));
        var listed = await cluster.RoomsAsync();
        Assert.DoesNotContain(listed, room => room.ServerId == draining.ServerId);
        Assert.Equal(cluster.Clients.Count(client => client.ServerId != draining.ServerId) + created.Count, listed.Count);
        foreach (var room in created)
        {
            await cluster.EchoAsync(await cluster.JoinAsync(room));
        }

        foreach (var client in cluster.Clients.Where(client => client.ServerId != draining.ServerId))
        {
            await cluster.EchoAsync(client);
        }
    }

    /// <summary>Three servers with two echo rooms each (least-loaded placement) and one client in every room.</summary>
    private async Task<MultiServerCluster> StartWithClientsAsync()
    {
        var cluster = await MultiServerCluster.StartAsync(Store, servers: 3);
        try
        {
            for (var i = 0; i < 6; i++)
            {
                await cluster.EchoAsync(await cluster.JoinAsync(await cluster.CreateRoomAsync()));
            }

            Assert.All(cluster.Clients.GroupBy(client => client.ServerId), group => Assert.Equal(2, group.Count()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    // While the store is away, SDK commands fail; a wait treats that as "not yet".
    private static async Task<IReadOnlyList<ListedRoom>?> TryRoomsAsync(MultiServerCluster cluster)
    {
        try
        {
            return await cluster.RoomsAsync();
        }
        catch (Xunit.Sdk.XunitException)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<ListedServer>?> TryServersAsync(MultiServerCluster cluster)
    {
        try
        {
            return await cluster.ServersAsync();
        }
        catch (Xunit.Sdk.XunitException)
        {
            return null;
        }
    }
}
