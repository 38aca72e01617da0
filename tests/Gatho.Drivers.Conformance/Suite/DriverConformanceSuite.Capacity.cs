using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;

namespace Gatho.Drivers.Conformance.Suite;

// Capacity (issue 12): a room holds at most MaxClients seats — connected clients plus live reservations — and a
// reservation beyond that is refused atomically; lapsed and released seats free their place. Locked rooms take none.
public abstract partial class DriverConformanceSuite
{
    /// <summary>Registers a room with <paramref name="maxClients"/> seats and reports it ready; returns its id.</summary>
    protected async Task<string> StartRoomWithCapacityAsync(string serverId, int maxClients, string roomType = "duel", IReadOnlyDictionary<string, string>? tags = null)
    {
        var roomId = NewId("room");
        await Driver.RegisterRoomAsync(new RoomRegistration(roomId, roomType, serverId, TimeSpan.FromMinutes(5), Tags: tags, MaxClients: maxClients));
        Assert.True(await Driver.RoomReadyAsync(roomId, EndpointOf(roomId), SecretOf(roomId)));
        return roomId;
    }

    [Fact]
    public async Task A_room_records_its_capacity_and_starts_unlocked()
    {
        var serverId = await RegisterServerAsync();
        var capped = await StartRoomWithCapacityAsync(serverId, 2);
        var open = await StartRoomAsync(serverId);

        var room = await RequireRoomAsync(capped);
        Assert.Equal((2, false), (room.MaxClients, room.Locked));
        Assert.Null((await RequireRoomAsync(open)).MaxClients);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_capacity_below_one_is_refused_naming_the_value_and_writes_nothing(int maxClients)
    {
        var serverId = await RegisterServerAsync();
        var roomId = NewId("room");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Driver.RegisterRoomAsync(new RoomRegistration(roomId, "duel", serverId, TimeSpan.FromMinutes(1), MaxClients: maxClients)));

        Assert.Contains(maxClients.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Null(await Driver.GetRoomAsync(roomId));
    }

    [Fact]
    public async Task ReserveClient_in_a_full_room_throws_RoomFull_naming_room_and_capacity_and_writes_nothing()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomWithCapacityAsync(serverId, 2);
        await ReserveAsync(roomId);
        await Driver.ConnectClientAsync("walk-in", roomId, Model.Tags.None);

        var error = await Assert.ThrowsAsync<RoomFullException>(() => ReserveAsync(roomId));

        Assert.Equal((roomId, 2, "room-full"), (error.RoomId, error.MaxClients, error.Code));
        Assert.Contains(roomId, error.Message);
        Assert.Contains("2", error.Message);
        Assert.Equal(2, (await RequireRoomAsync(roomId)).Clients.Count);
    }

    [Fact]
    public async Task A_released_seat_is_free_again()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomWithCapacityAsync(serverId, 1);
        var seat = await ReserveAsync(roomId);
        await Assert.ThrowsAsync<RoomFullException>(() => ReserveAsync(roomId));

        Assert.True(await Driver.DisconnectClientAsync(seat.ClientId));

        await ReserveAsync(roomId);
    }

    [Fact]
    public async Task A_lapsed_reservation_frees_its_seat()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomWithCapacityAsync(serverId, 1);
        await ReserveAsync(roomId, TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<RoomFullException>(() => ReserveAsync(roomId));

        await AdvanceTimeAsync(TimeSpan.FromSeconds(2));

        await ReserveAsync(roomId);
        Assert.Single((await RequireRoomAsync(roomId)).Clients);
    }

    [Fact]
    public async Task Concurrent_reservations_never_overfill_a_room()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomWithCapacityAsync(serverId, 3);

        var attempts = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            try
            {
                await ReserveAsync(roomId);
                return true;
            }
            catch (RoomFullException)
            {
                return false;
            }
        })));

        Assert.Equal(3, attempts.Count(won => won));
        Assert.Equal(3, (await RequireRoomAsync(roomId)).Clients.Count);
    }

    [Fact]
    public async Task A_locked_room_refuses_new_seats_keeps_its_clients_and_takes_seats_again_when_unlocked()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomWithCapacityAsync(serverId, 4);
        var kept = await ReserveAsync(roomId);

        await Driver.SetRoomLockedAsync(roomId, true);

        var error = await Assert.ThrowsAsync<RoomLockedException>(() => ReserveAsync(roomId));
        Assert.Equal((roomId, "room-locked"), (error.RoomId, error.Code));
        var room = await RequireRoomAsync(roomId);
        Assert.True(room.Locked);
        Assert.Equal(kept.ClientId, Assert.Single(room.Clients).ClientId);

        await Driver.SetRoomLockedAsync(roomId, false);

        Assert.False((await RequireRoomAsync(roomId)).Locked);
        await ReserveAsync(roomId);
    }

    [Fact]
    public async Task Locking_an_unknown_room_throws_RoomNotFound_naming_it()
    {
        var error = await Assert.ThrowsAsync<RoomNotFoundException>(() => Driver.SetRoomLockedAsync("ghost-room", true));

        Assert.Equal("ghost-room", error.RoomId);
    }
}
