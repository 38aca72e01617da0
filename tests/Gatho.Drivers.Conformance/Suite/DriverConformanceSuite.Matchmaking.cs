using System.Diagnostics;
using Gatho.Drivers.Errors;
using Gatho.Drivers.Conformance.Support;
using Gatho.Drivers.Model;

namespace Gatho.Drivers.Conformance.Suite;

// Join-or-create (issue 12): one atomic step that reserves a seat in the fullest matching room with space, or
// registers a new room and reserves in it — so concurrent callers on any number of backends never overfill a room
// and never start more rooms than they need.
public abstract partial class DriverConformanceSuite
{
    private const int MatchCalls = 50;

    /// <summary>One join-or-create for a <paramref name="roomType"/> room of <paramref name="capacity"/> seats on <paramref name="serverId"/>.</summary>
    protected Task<MatchedSeat> JoinOrCreateAsync(
        string serverId,
        int capacity = 2,
        string roomType = "duel",
        IReadOnlyDictionary<string, string>? tagsEqual = null,
        TimeSpan? seatTtl = null,
        string? newRoomId = null) =>
        Driver.JoinOrCreateAsync(new JoinOrCreateRequest(
            new RoomRegistration(newRoomId ?? NewId("room"), roomType, serverId, TimeSpan.FromMinutes(5), MaxClients: capacity),
            seatTtl ?? TimeSpan.FromSeconds(30),
            tagsEqual));

    [Fact]
    public async Task JoinOrCreate_with_no_matching_room_registers_one_with_the_filter_tags_and_holds_a_seat_in_it()
    {
        var serverId = await RegisterServerAsync();
        await using var recorder = await EventRecorder.SubscribeAsync(Driver, serverId);
        var newRoomId = NewId("room");

        var seat = await JoinOrCreateAsync(serverId, tagsEqual: Tags(("mode", "ffa")), newRoomId: newRoomId);

        Assert.Equal((newRoomId, true, (ClientReservation?)null), (seat.RoomId, seat.Created, seat.Reservation));
        var room = await RequireRoomAsync(newRoomId);
        Assert.Equal((RoomStatus.Requested, 2, "duel"), (room.Status, room.MaxClients, room.RoomType));
        AssertTags(room.Tags, ("mode", "ffa"));
        var client = Assert.Single(room.Clients);
        Assert.Equal((seat.ClientId, ClientStatus.Reserved), (client.ClientId, client.Status));
        Assert.Equal(newRoomId, (await recorder.NextAsync<Events.RoomAssignedEvent>()).RoomId);
    }

    [Fact]
    public async Task JoinOrCreate_passes_over_a_room_with_space_on_a_stale_server_and_creates_one()
    {
        var dead = await RegisterServerAsync();
        var deadSeat = await JoinOrCreateAsync(dead, tagsEqual: Tags(("mode", "ffa")));
        var endpoint = NewEndpoint();
        var live = await RegisterServerAsync(endpoint: endpoint);
        await AdvanceTimeAsync(StaleServerAfter / 2);
        await Driver.HeartbeatAsync(new ServerHeartbeat(live, endpoint, Model.Tags.None, ["duel"]));
        await AdvanceTimeAsync((StaleServerAfter / 2) + TimeSpan.FromSeconds(1));
        var newRoomId = NewId("room");

        var seat = await JoinOrCreateAsync(live, tagsEqual: Tags(("mode", "ffa")), newRoomId: newRoomId);

        Assert.True(deadSeat.Created);
        Assert.Equal((newRoomId, true), (seat.RoomId, seat.Created));
        Assert.Equal(live, (await RequireRoomAsync(newRoomId)).ServerId);
    }

    [Fact]
    public async Task A_seat_held_in_a_requested_room_becomes_a_reservation_once_the_room_runs()
    {
        var serverId = await RegisterServerAsync();
        var seat = await JoinOrCreateAsync(serverId);

        await Assert.ThrowsAsync<RoomNotRunningException>(() => Driver.GetReservationAsync(seat.ClientId));
        Assert.True(await Driver.RoomReadyAsync(seat.RoomId, EndpointOf(seat.RoomId), SecretOf(seat.RoomId)));

        var reservation = await Driver.GetReservationAsync(seat.ClientId, "{ \"name\": \"ada\" }");

        Assert.NotNull(reservation);
        Assert.Equal((seat.ClientId, seat.RoomId, EndpointOf(seat.RoomId), SecretOf(seat.RoomId), "{\"name\":\"ada\"}"),
            (reservation.ClientId, reservation.RoomId, reservation.Endpoint, reservation.RoomSecret, reservation.DataJson));
        Assert.Null(await Driver.GetReservationAsync("ghost-client"));
    }

    [Fact]
    public async Task JoinOrCreate_joins_a_running_matching_room_and_returns_a_reservation()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomWithCapacityAsync(serverId, 2);

        var seat = await JoinOrCreateAsync(serverId);

        Assert.Equal((roomId, false), (seat.RoomId, seat.Created));
        Assert.NotNull(seat.Reservation);
        Assert.Equal((seat.ClientId, EndpointOf(roomId), SecretOf(roomId)), (seat.Reservation.ClientId, seat.Reservation.Endpoint, seat.Reservation.RoomSecret));
    }

    [Fact]
    public async Task JoinOrCreate_chooses_the_fullest_room_with_space()
    {
        var serverId = await RegisterServerAsync();
        var emptier = await StartRoomWithCapacityAsync(serverId, 3);
        var fuller = await StartRoomWithCapacityAsync(serverId, 3);
        await ReserveAsync(emptier);
        await ReserveAsync(fuller);
        await ReserveAsync(fuller);

        Assert.Equal(fuller, (await JoinOrCreateAsync(serverId, capacity: 3)).RoomId);
        Assert.Equal(emptier, (await JoinOrCreateAsync(serverId, capacity: 3)).RoomId);
    }

    [Fact]
    public async Task JoinOrCreate_skips_full_locked_other_type_and_unmatched_rooms()
    {
        var serverId = await RegisterServerAsync();
        var full = await StartRoomWithCapacityAsync(serverId, 1, tags: Tags(("mode", "ffa")));
        await ReserveAsync(full);
        var locked = await StartRoomWithCapacityAsync(serverId, 2, tags: Tags(("mode", "ffa")));
        await Driver.SetRoomLockedAsync(locked, true);
        await StartRoomWithCapacityAsync(serverId, 2, roomType: "chat", tags: Tags(("mode", "ffa")));
        await StartRoomWithCapacityAsync(serverId, 2, tags: Tags(("mode", "teams")));

        var seat = await JoinOrCreateAsync(serverId, tagsEqual: Tags(("mode", "ffa")));

        Assert.True(seat.Created);
        Assert.Empty((await RequireRoomAsync(locked)).Clients);
    }

    [Fact]
    public async Task Tags_a_room_sets_for_itself_steer_join_or_create()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomWithCapacityAsync(serverId, 4, tags: Tags(("mode", "ffa"), ("state", "open")));
        var open = Tags(("state", "open"));
        Assert.Equal(roomId, (await JoinOrCreateAsync(serverId, capacity: 4, tagsEqual: open)).RoomId);

        await Driver.AddRoomTagsAsync(roomId, Tags(("state", "playing")));

        Assert.NotEqual(roomId, (await JoinOrCreateAsync(serverId, capacity: 4, tagsEqual: open)).RoomId);
        Assert.Equal(roomId, (await JoinOrCreateAsync(serverId, capacity: 4, tagsEqual: Tags(("state", "playing")))).RoomId);
        AssertTags((await RequireRoomAsync(roomId)).Tags, ("mode", "ffa"), ("state", "playing"));
    }

    [Fact]
    public async Task A_lapsed_join_or_create_seat_frees_its_place_in_the_room()
    {
        var serverId = await RegisterServerAsync();
        var first = await JoinOrCreateAsync(serverId, capacity: 1, seatTtl: TimeSpan.FromSeconds(1));
        Assert.True(await Driver.RoomReadyAsync(first.RoomId, EndpointOf(first.RoomId), SecretOf(first.RoomId)));
        Assert.True((await JoinOrCreateAsync(serverId, capacity: 1)).Created);

        await AdvanceTimeAsync(TimeSpan.FromSeconds(2));

        var again = await JoinOrCreateAsync(serverId, capacity: 1);
        Assert.Equal((first.RoomId, false), (again.RoomId, again.Created));
    }

    [Fact]
    public async Task JoinOrCreate_without_a_capacity_is_refused_and_writes_nothing()
    {
        var serverId = await RegisterServerAsync();
        var roomId = NewId("room");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Driver.JoinOrCreateAsync(new JoinOrCreateRequest(
            new RoomRegistration(roomId, "duel", serverId, TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(30))));

        Assert.Contains("MaxClients", error.Message);
        Assert.Null(await Driver.GetRoomAsync(roomId));
    }

    [Fact]
    public async Task JoinOrCreate_creating_on_an_unknown_server_throws_ServerNotFound()
    {
        var error = await Assert.ThrowsAsync<ServerNotFoundException>(() => JoinOrCreateAsync("ghost-server"));

        Assert.Equal("ghost-server", error.ServerId);
    }

    [Fact]
    public async Task Fifty_concurrent_join_or_create_calls_for_two_seat_rooms_make_exactly_25_full_rooms()
    {
        var serverId = await RegisterServerAsync();
        var clock = Stopwatch.StartNew();

        var seats = await Task.WhenAll(Enumerable.Range(0, MatchCalls).Select(_ => Task.Run(() => JoinOrCreateAsync(serverId, tagsEqual: Tags(("mode", "duel"))))));
        var elapsed = clock.Elapsed;

        var rooms = await Driver.ListRoomsAsync(new RoomFilter { Type = "duel" });
        Assert.Equal(MatchCalls / 2, rooms.Count);
        Assert.All(rooms, room => Assert.Equal(2, room.Clients.Count));
        Assert.Equal(MatchCalls / 2, seats.Count(seat => seat.Created));
        Assert.Equal(MatchCalls, seats.Select(seat => seat.ClientId).Distinct().Count());
        MatchFigures.Record(GetType().Name, MatchCalls, rooms.Count, rooms.Sum(room => room.Clients.Count), elapsed);
    }
}
