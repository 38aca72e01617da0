using Gatho.Drivers.Model;

namespace Gatho.Drivers.Conformance.Suite;

// Concurrent writers must not lose each other's updates (gatho gap 8: its Redis driver read-modified-wrote tag JSON).
public abstract partial class DriverConformanceSuite
{
    private const int Writers = 24;

    [Fact]
    public async Task Concurrent_room_tag_updates_are_all_kept()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() => Driver.AddRoomTagsAsync(roomId, Tags(($"k{i}", "v"))))));

        Assert.Equal(Writers, (await RequireRoomAsync(roomId)).Tags.Count);
    }

    [Fact]
    public async Task Concurrent_server_tag_updates_are_all_kept()
    {
        var serverId = await RegisterServerAsync();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() => Driver.AddServerTagsAsync(serverId, Tags(($"k{i}", "v"))))));

        Assert.Equal(Writers, (await Driver.GetServerAsync(serverId))!.Tags.Count);
    }

    [Fact]
    public async Task Concurrent_connects_and_reservations_are_all_recorded()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);

        var connects = Enumerable.Range(0, Writers).Select(i => Task.Run(() => Driver.ConnectClientAsync($"client-{i}", roomId, Model.Tags.None)));
        var reservations = Enumerable.Range(0, Writers).Select(_ => Task.Run(() => ReserveAsync(roomId)));
        await Task.WhenAll(connects.Concat<Task>(reservations));

        var clients = (await RequireRoomAsync(roomId)).Clients;
        Assert.Equal(Writers, clients.Count(client => client.Status == ClientStatus.Connected));
        Assert.Equal(Writers, clients.Count(client => client.Status == ClientStatus.Reserved));
    }

    [Fact]
    public async Task Concurrent_registrations_on_one_server_are_all_desired()
    {
        var endpoint = NewEndpoint();
        var serverId = await RegisterServerAsync(endpoint: endpoint);

        var roomIds = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => RegisterRoomAsync(serverId))));

        var beat = await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, endpoint, Model.Tags.None, ["chat"]));
        Assert.Equal(roomIds.Order(StringComparer.Ordinal), beat.DesiredRooms.Select(room => room.RoomId).Order(StringComparer.Ordinal));
    }
}
