using Gatho.Drivers.Errors;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Urls;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Drain;

/// <summary>
/// Graceful drain (DESIGN D8, gatho gap 9): stop taking rooms, tell rooms (clients get 1001 "server draining,
/// rejoin"), wait with a deadline, and only then unregister — never the other way round.
/// </summary>
public sealed class DrainTests
{
    [Fact]
    public async Task Stop_closes_clients_with_1001_draining_then_leaves_no_room_and_no_server_listing()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var clients = new List<WireClient>();
        var rooms = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var room = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId);
            rooms.Add(room.RoomId);
            var client = await WireClient.ConnectAsync(SeatUrl.ForConnect((await cluster.Sdk.JoinAsync(room.RoomId)).Url, 1));
            await client.SessionAsync();
            clients.Add(client);
        }

        await server.StopAsync();

        foreach (var client in clients)
        {
            var closed = await client.ClosedAsync();
            Assert.Equal(CloseCodes.GoingAway, closed.Code);
            Assert.Equal(CloseReasons.ServerDraining, closed.Reason);
            await client.DisposeAsync();
        }

        Assert.True(server.IsDraining);
        Assert.Empty(server.GetAllRoomDetails());
        Assert.Empty(await cluster.Sdk.GetRoomsAsync());
        Assert.Empty(await cluster.Sdk.GetServersAsync());
        Assert.Null(await cluster.Store.GetServerAsync(server.ServerId));
        Assert.All(rooms, id => Assert.False(Directory.Exists(Path.Combine(cluster.SocketDirectory, id))));
    }

    [Fact]
    public async Task The_server_stays_registered_until_its_rooms_have_exited()
    {
        await using var cluster = new TestCluster();
        cluster.UseFakes(new FakeRoomRunner { ObeysStopCommand = false, ExitsOnStopper = false });
        var server = await cluster.StartServerAsync(o => o.DrainTimeout = Wait.Patience);
        var (room, handle) = await cluster.CreateFakeAsync(server);

        var stopping = server.StopAsync();
        await Wait.UntilAsync(() => handle.StopReasons.Count == 1, "the room told to drain");

        // The room is still closing its clients: its listing and its server's must still be there for them.
        Assert.Equal(CloseReasons.ServerDraining, handle.StopReasons.Single());
        Assert.NotNull(await cluster.Sdk.GetRoomAsync(room.RoomId));
        Assert.NotNull(await cluster.Store.GetServerAsync(server.ServerId));
        Assert.False(stopping.IsCompleted);

        await handle.ExitAsync(0);
        await Wait.ForAsync(stopping, "the drain to finish");
        Assert.Null(await cluster.Sdk.GetRoomAsync(room.RoomId));
        Assert.Null(await cluster.Store.GetServerAsync(server.ServerId));
        Assert.Equal(0, handle.StopperCalls);
    }

    [Fact]
    public async Task A_room_that_ignores_the_drain_is_stopped_by_its_runner_after_the_drain_timeout()
    {
        await using var cluster = new TestCluster();
        cluster.UseFakes(new FakeRoomRunner { ObeysStopCommand = false });
        var server = await cluster.StartServerAsync(o => o.DrainTimeout = TimeSpan.FromMilliseconds(300));
        var (room, handle) = await cluster.CreateFakeAsync(server);

        await Wait.ForAsync(server.StopAsync(), "the drain to finish");

        Assert.Equal(new[] { CloseReasons.ServerDraining }, handle.StopReasons);
        Assert.Equal(1, handle.StopperCalls);
        Assert.True(handle.Exited.IsCompleted);
        Assert.Null(await cluster.Sdk.GetRoomAsync(room.RoomId));
        Assert.Empty(await cluster.Sdk.GetServersAsync());
    }

    [Fact]
    public async Task A_draining_server_takes_no_new_rooms()
    {
        await using var cluster = new TestCluster();
        cluster.UseFakes(new FakeRoomRunner { ObeysStopCommand = false, ExitsOnStopper = false });
        var server = await cluster.StartServerAsync(o => o.DrainTimeout = Wait.Patience);
        var (_, handle) = await cluster.CreateFakeAsync(server);
        var stopping = server.StopAsync();
        await Wait.UntilAsync(() => handle.StopReasons.Count == 1, "the drain under way");

        var late = cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: Wait.Patience);
        var lateId = await Wait.ForAsync(LateRoomIdAsync(cluster, handle.RoomId), "the late room recorded");
        var ticks = cluster.Driver.Heartbeats;
        await Wait.UntilAsync(() => cluster.Driver.Heartbeats >= ticks + 3, "three ticks while draining");
        Assert.Equal(1, cluster.Fakes.Starts);

        await handle.ExitAsync(0);
        await stopping;

        // Unregistering the server removed the late record too, so its creator hears of it now.
        var failure = await Assert.ThrowsAsync<RoomFailedException>(() => late);
        Assert.Equal(lateId, failure.RoomId);
        Assert.Equal(1, cluster.Fakes.Starts);
    }

    [Fact]
    public async Task A_drain_is_not_held_up_by_a_room_whose_runner_has_not_returned()
    {
        await using var cluster = new TestCluster();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The runner returns only when the test says so, and the room it started never speaks.
        cluster.UseFakes(new FakeRoomRunner { OnStart = _ => release.Task });
        var server = await cluster.StartServerAsync(o =>
        {
            o.RoomStartupTimeout = TimeSpan.FromMinutes(5);
            o.DrainTimeout = Wait.Patience;
        });
        var creating = cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: TimeSpan.FromMinutes(5));
        var handle = await cluster.Fakes.StartedAsync(await cluster.PendingRoomIdAsync(server));

        var stopping = server.StopAsync();
        await Wait.UntilAsync(() => cluster.Logs.Count("draining 1 rooms") == 1, "the drain reaching the starting room");
        release.SetResult();

        // The stop asked for while the runner was busy is applied when it returns; the drain then completes.
        await Wait.ForAsync(stopping, "the drain to finish");
        Assert.Equal(1, handle.StopperCalls);
        Assert.Empty(await cluster.Sdk.GetServersAsync());
        await Assert.ThrowsAsync<RoomFailedException>(() => creating);
    }

    [Fact]
    public async Task Stop_is_idempotent()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();

        var first = server.StopAsync();
        var second = server.StopAsync();
        await first;
        await server.DisposeAsync();

        Assert.Same(first, second);
    }

    private static async Task<string> LateRoomIdAsync(TestCluster cluster, string except)
    {
        while (true)
        {
            var late = (await cluster.Sdk.GetRoomsAsync()).FirstOrDefault(r => r.RoomId != except);
            if (late is not null)
            {
                return late.RoomId;
            }

            await Task.Delay(20);
        }
    }
}
