using Gatho.Drivers.Model;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Messages;
using Gatho.Protocol.Notify;
using Gatho.Protocol.Urls;
using Gatho.Server.Rooms;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Lifecycle;

/// <summary>A room's whole life on one server: created, running, joined, used, and gone in every way it can go.</summary>
public sealed class RoomLifecycleTests
{
    [Fact]
    public async Task Create_run_join_message_destroy_gone()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();

        var room = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId);
        Assert.Equal(RoomStatus.Running, room.Status);
        Assert.StartsWith("ws://127.0.0.1:", room.Endpoint);

        // The server marks the room ready right after the driver recorded it running (what the SDK waited for).
        await Wait.UntilAsync(() => server.GetRoomDetails(room.RoomId)?.Status == RoomProcessStatus.Ready, "the server's view: ready");
        Assert.Equal(room.Endpoint, server.GetRoomDetails(room.RoomId)!.Endpoint);
        var socketDir = Path.Combine(cluster.SocketDirectory, room.RoomId);
        Assert.True(Directory.Exists(socketDir));

        var seat = await cluster.Sdk.JoinAsync(room.RoomId);
        await using var client = await WireClient.ConnectAsync(SeatUrl.ForConnect(seat.Url, 1));
        Assert.Equal(seat.ClientId, (await client.SessionAsync()).ClientId);
        await client.SendTextAsync("hello", v2: false);
        Assert.Equal("hello", await client.TextAsync());
        await Wait.UntilAsync(
            async () => (await cluster.Sdk.GetRoomAsync(room.RoomId))!.Clients.Any(c => c.ClientId == seat.ClientId && c.Status == ClientStatus.Connected),
            "the client recorded as connected");

        Assert.True(await cluster.Sdk.DestroyRoomAsync(room.RoomId));
        Assert.Null(await cluster.Sdk.GetRoomAsync(room.RoomId));
        var closed = await client.ClosedAsync();
        Assert.Equal(CloseCodes.GoingAway, closed.Code);
        Assert.Equal(CloseReasons.RoomShuttingDown, closed.Reason);
        await Wait.UntilAsync(() => server.GetRoomDetails(room.RoomId) is null, "the server forgetting the room");
        await Wait.UntilAsync(() => !Directory.Exists(socketDir), "the room's socket directory removed");
        Assert.Equal(0, cluster.Logs.Count("failed"));
    }

    [Fact]
    public async Task A_room_that_stops_itself_is_unregistered_not_reported_failed()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var room = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId);
        var seat = await cluster.Sdk.JoinAsync(room.RoomId);
        await using var client = await WireClient.ConnectAsync(SeatUrl.ForConnect(seat.Url, 1));
        await client.SessionAsync();

        await client.SendTextAsync("stop-room", v2: false);

        Assert.Equal(CloseCodes.GoingAway, (await client.ClosedAsync()).Code);
        await Wait.UntilAsync(async () => await cluster.Sdk.GetRoomAsync(room.RoomId) is null, "the self-stopped room unregistered");
        await Wait.UntilAsync(() => server.GetRoomDetails(room.RoomId) is null, "the server forgetting the room");
        Assert.Contains(cluster.Logs.Lines, l => l.Message.Contains("stopped itself", StringComparison.Ordinal));
        Assert.DoesNotContain(cluster.Logs.Lines, l => l.Message.Contains("exited unexpectedly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stopped_message_written_just_before_the_exit_is_heard_even_when_the_exit_is_seen_first()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(server);

        // Hold the server's notify reader on an earlier message, so the runner's exit report is seen before the room's
        // last frame, `stopped`, is read: the order a busy server sees when a room stops itself and exits at once.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Driver.BeforeConnectClient = () => release.Task;
        await handle.SendAsync(new ClientConnectedNotify("c1", room.RoomId, new Dictionary<string, string>()));
        await handle.SendAsync(StoppedNotify.Instance);
        await handle.ExitAsync(0);

        // The runner's report ran synchronously inside ExitAsync: the server has seen the exit; now let the reader go on.
        release.SetResult();

        await Wait.UntilAsync(() => server.GetRoomDetails(room.RoomId) is null, "the server forgetting the room");
        await Wait.UntilAsync(async () => await cluster.Sdk.GetRoomAsync(room.RoomId) is null, "the room unregistered");
        Assert.Empty(cluster.Driver.Failures);
        Assert.Equal(1, cluster.Logs.Count("stopped itself"));
        Assert.Equal(0, cluster.Logs.Count("exited unexpectedly"));
    }

    [Fact]
    public async Task The_room_endpoint_function_decides_what_clients_are_told()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync(o => o.RoomEndpoint = context => $"wss://play.example.net/{context.Port}?room={context.RoomId}");

        var room = await cluster.Sdk.CreateRoomAsync("fake", server.ServerId);
        var seat = await cluster.Sdk.JoinAsync(room.RoomId);

        Assert.Equal($"wss://play.example.net/40000?room={room.RoomId}", room.Endpoint);
        Assert.StartsWith($"wss://play.example.net/40000?room={room.RoomId}&token=", seat.Url);
    }

    [Fact]
    public async Task A_room_endpoint_function_that_throws_fails_the_room_with_its_message()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync(o => o.RoomEndpoint = context => throw new InvalidOperationException($"no route for port {context.Port}"));

        var failure = await Assert.ThrowsAsync<Drivers.Errors.RoomFailedException>(() => cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: Wait.Patience));

        Assert.Equal("room endpoint function failed: no route for port 40000", failure.Reason);
        await Wait.ForAsync(cluster.Fakes[failure.RoomId].Exited, "the room stopped");
        await Wait.UntilAsync(() => server.GetRoomDetails(failure.RoomId) is null, "the server forgetting the room");
    }

    [Fact]
    public async Task A_room_destroyed_before_it_spoke_is_stopped_and_forgotten()
    {
        await using var cluster = new TestCluster();

        // The room dials but never reports anything: it is still behind its startup gate when it is destroyed.
        cluster.UseFakes(new FakeRoomRunner { OnStart = handle => handle.DialAsync() });
        var server = await cluster.StartServerAsync();
        var creating = cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: Wait.Patience);
        var roomId = await cluster.PendingRoomIdAsync(server);
        var handle = await cluster.Fakes.StartedAsync(roomId);
        await Wait.UntilAsync(() => server.GetRoomDetails(roomId) is not null, "the server tracking the starting room");

        await cluster.Sdk.DestroyRoomAsync(roomId);

        await Assert.ThrowsAsync<Drivers.Errors.RoomFailedException>(() => creating);
        await Wait.ForAsync(handle.Exited, "the destroyed room stopped");
        await Wait.UntilAsync(() => server.GetRoomDetails(roomId) is null, "the server forgetting the destroyed room");
        await Wait.UntilAsync(() => !Directory.Exists(Path.Combine(cluster.SocketDirectory, roomId)), "its socket directory removed");
    }
}
