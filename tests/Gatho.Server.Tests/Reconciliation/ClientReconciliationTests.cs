using Gatho.Drivers.Model;
using Gatho.Protocol.Notify;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Reconciliation;

/// <summary>
/// The driver's client records follow the room (gatho-behaviour §7.6, e2e "reconciliation"): connect and disconnect
/// reports are the fast path, and each room heartbeat repairs whatever that path missed, without extra calls when the
/// two already agree.
/// </summary>
public sealed class ClientReconciliationTests
{
    private static readonly TimeSpan OvertakeChance = TimeSpan.FromSeconds(1);
    private static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string> { ["team"] = "red" };

    [Fact]
    public async Task A_failed_connect_is_repaired_by_the_next_room_heartbeat()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(server);
        var seat = await cluster.Sdk.JoinAsync(room.RoomId);
        cluster.Driver.FailConnectClient();

        await handle.SendAsync(new ClientConnectedNotify(seat.ClientId, room.RoomId, Tags));
        await Wait.UntilAsync(() => cluster.Driver.ConnectClientCalls == 1, "the fast-path connect attempted");
        Assert.Equal(ClientStatus.Reserved, (await ClientAsync(cluster, room.RoomId, seat.ClientId))!.Status);

        await handle.SendAsync(Beats.With(new[] { seat.ClientId }));

        await Wait.UntilAsync(async () => (await ClientAsync(cluster, room.RoomId, seat.ClientId))?.Status == ClientStatus.Connected, "the heartbeat connecting the client");
        Assert.Equal(2, cluster.Driver.ConnectClientCalls);
    }

    [Fact]
    public async Task A_failed_disconnect_is_repaired_by_a_heartbeat_taken_after_the_connection()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(server);
        await handle.SendAsync(new ClientConnectedNotify("alice", room.RoomId, Tags));
        await Wait.UntilAsync(async () => (await ClientAsync(cluster, room.RoomId, "alice"))?.Status == ClientStatus.Connected, "alice connected");
        var connectedAt = (await ClientAsync(cluster, room.RoomId, "alice"))!.ConnectedAt!.Value;
        cluster.Driver.FailDisconnectClient();

        await handle.SendAsync(new ClientDisconnectedNotify("alice"));
        await Wait.UntilAsync(() => cluster.Driver.DisconnectClientCalls == 1, "the fast-path disconnect attempted");
        Assert.NotNull(await ClientAsync(cluster, room.RoomId, "alice"));

        // A snapshot older than the connection proves nothing about it: kept.
        await handle.SendAsync(Beats.Empty(connectedAt - TimeSpan.FromSeconds(1)));
        await ProbeAsync(cluster, handle, room.RoomId, "probe-1", connectedAt - TimeSpan.FromSeconds(1));
        Assert.NotNull(await ClientAsync(cluster, room.RoomId, "alice"));
        Assert.Equal(1, cluster.Driver.DisconnectClientCalls);

        // A later snapshot without her removes her.
        await RepeatUntilAsync(handle, Beats.With(new[] { "probe-1" }, connectedAt + TimeSpan.FromSeconds(1)), async () => await ClientAsync(cluster, room.RoomId, "alice") is null, "the heartbeat disconnecting alice");
        Assert.Equal(2, cluster.Driver.DisconnectClientCalls);
    }

    [Fact]
    public async Task Heartbeats_that_agree_with_the_driver_make_no_client_calls()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(server);
        await handle.SendAsync(new ClientConnectedNotify("alice", room.RoomId, Tags));
        await Wait.UntilAsync(async () => (await ClientAsync(cluster, room.RoomId, "alice"))?.Status == ClientStatus.Connected, "alice connected");
        var connects = cluster.Driver.ConnectClientCalls;

        for (var i = 0; i < 3; i++)
        {
            var reads = cluster.Driver.GetRoomCalls;
            await RepeatUntilAsync(handle, Beats.With(new[] { "alice" }), () => Task.FromResult(cluster.Driver.GetRoomCalls > reads), "the heartbeat reconciled");
        }

        // The probe's reconciliation runs only once the earlier ones finished, so their calls would be counted by now.
        await ProbeAsync(cluster, handle, room.RoomId, "probe", DateTimeOffset.UtcNow, "alice");
        Assert.Equal(connects + 1, cluster.Driver.ConnectClientCalls);
        Assert.Equal(0, cluster.Driver.DisconnectClientCalls);
    }

    [Fact]
    public async Task A_heartbeat_taken_before_a_disconnect_does_not_put_the_departed_client_back()
    {
        // Issue 17, defect 13: the reconciliation ran beside the room's serial message handling, so a disconnect
        // reported after the heartbeat could be applied first and the stale snapshot then reconnected the client.
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(server);
        await handle.SendAsync(new ClientConnectedNotify("alice", room.RoomId, Tags));
        await Wait.UntilAsync(async () => (await ClientAsync(cluster, room.RoomId, "alice"))?.Status == ClientStatus.Connected, "alice connected");
        var connectedAt = (await ClientAsync(cluster, room.RoomId, "alice"))!.ConnectedAt!.Value;

        // The heartbeat's read of the store is held until the disconnect has been applied — or, where messages are
        // handled in order and it cannot be, for a bounded moment that gives it every chance to overtake.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Driver.BeforeGetRoom = async () =>
        {
            cluster.Driver.BeforeGetRoom = null;
            held.TrySetResult();
            var chance = DateTime.UtcNow + OvertakeChance;
            while (cluster.Driver.DisconnectClientCalls == 0 && DateTime.UtcNow < chance)
            {
                await Task.Delay(10);
            }
        };
        await handle.SendAsync(Beats.With(new[] { "alice" }, connectedAt + TimeSpan.FromSeconds(1)));
        await Wait.ForAsync(held.Task, "the heartbeat's reconciliation reading the store");
        await handle.SendAsync(new ClientDisconnectedNotify("alice"));
        await Wait.UntilAsync(() => cluster.Driver.DisconnectClientCalls == 1, "the disconnect applied");

        // A probe from before alice connected proves every earlier message was handled, and cannot remove her itself.
        await ProbeAsync(cluster, handle, room.RoomId, "probe", connectedAt - TimeSpan.FromSeconds(1));
        Assert.Null(await ClientAsync(cluster, room.RoomId, "alice"));
    }

    /// <summary>
    /// Sends heartbeats taken at <paramref name="at"/> listing a new client (plus <paramref name="alsoLive"/>) until the
    /// server has connected it: a heartbeat arriving while an earlier reconciliation runs is skipped, so the probe being
    /// connected means every earlier reconciliation has finished.
    /// </summary>
    private static Task ProbeAsync(TestCluster cluster, FakeRoomHandle handle, string roomId, string probe, DateTimeOffset at, params string[] alsoLive) =>
        RepeatUntilAsync(handle, Beats.With(alsoLive.Append(probe), at), async () => (await ClientAsync(cluster, roomId, probe))?.Status == ClientStatus.Connected, $"{probe} connected by a heartbeat");

    /// <summary>
    /// Sends <paramref name="beat"/> until <paramref name="done"/>: the server skips a heartbeat's reconciliation
    /// while the previous one still runs (the next heartbeat retries), so one send may legitimately change nothing.
    /// </summary>
    private static Task RepeatUntilAsync(FakeRoomHandle handle, HeartbeatNotify beat, Func<Task<bool>> done, string what) =>
        Wait.UntilAsync(
            async () =>
            {
                await handle.SendAsync(beat);
                await Task.Delay(20);
                return await done();
            },
            what);

    private static async Task<ClientInfo?> ClientAsync(TestCluster cluster, string roomId, string clientId) =>
        (await cluster.Sdk.GetRoomAsync(roomId))?.Clients.SingleOrDefault(c => c.ClientId == clientId);
}
