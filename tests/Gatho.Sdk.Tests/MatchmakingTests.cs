using Gatho.Drivers.Errors;
using Gatho.Protocol.SeatTokens;
using Gatho.Protocol.Urls;
using Gatho.Sdk.Errors;
using Gatho.Sdk.Matchmaking;
using Gatho.Sdk.Tests.Support;

namespace Gatho.Sdk.Tests;

public sealed class MatchmakingTests : SdkTestBase
{
    [Fact]
    public async Task Join_on_a_full_room_throws_RoomFull_naming_the_room_and_its_capacity_and_holds_no_seat()
    {
        await StartServerAsync("server-1");
        var room = await Bounded(Sdk.CreateRoomAsync("chat", "server-1", maxClients: 1));
        await Sdk.JoinAsync(room.RoomId);

        var error = await Assert.ThrowsAsync<RoomFullException>(() => Sdk.JoinAsync(room.RoomId));

        Assert.Equal((room.RoomId, 1), (error.RoomId, error.MaxClients));
        Assert.Equal($"room {room.RoomId} is full (capacity 1)", error.Message);
        Assert.Single((await Sdk.GetRoomAsync(room.RoomId))!.Clients);
    }

    [Fact]
    public async Task Join_on_a_locked_room_throws_RoomLocked_and_works_again_once_unlocked()
    {
        await StartServerAsync("server-1");
        var room = await Bounded(Sdk.CreateRoomAsync("chat", "server-1"));
        await Sdk.SetRoomLockedAsync(room.RoomId, true);

        var error = await Assert.ThrowsAsync<RoomLockedException>(() => Sdk.JoinAsync(room.RoomId));

        Assert.Equal(room.RoomId, error.RoomId);
        Assert.Empty((await Sdk.GetRoomAsync(room.RoomId))!.Clients);
        await Sdk.SetRoomLockedAsync(room.RoomId, false);
        await Sdk.JoinAsync(room.RoomId);
    }

    [Fact]
    public async Task CreateRoom_with_a_capacity_below_one_is_refused_naming_the_value()
    {
        await StartServerAsync("server-1");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Sdk.CreateRoomAsync("chat", "server-1", maxClients: 0));

        Assert.Contains("MaxClients 0", error.Message);
        Assert.Empty(await Sdk.GetRoomsAsync());
    }

    [Fact]
    public async Task JoinOrCreate_creates_a_room_waits_for_it_and_mints_a_seat_the_room_accepts()
    {
        var server = await StartServerAsync("server-1", null, "duel");
        var now = Clock.GetUtcNow();

        var seat = await Bounded(Sdk.JoinOrCreateAsync("duel", 2, new MatchOptions { Tags = Tags(("mode", "ranked")), JoinDataJson = "{\"name\":\"ada\"}" }));

        var room = (await Sdk.GetRoomAsync(seat.RoomId))!;
        Assert.Equal((2, "ranked"), (room.MaxClients, room.Tags["mode"]));
        Assert.StartsWith(room.Endpoint + "/?token=", seat.Url);
        var verification = new SeatTokenVerifier(server.Secrets[seat.RoomId]).Verify(TokenOf(seat), seat.RoomId, now);
        Assert.True(verification.IsValid, verification.ToString());
        Assert.Equal((seat.ClientId, "{\"name\":\"ada\"}"), (verification.Claims!.ClientId, verification.Claims.DataJson));
    }

    [Fact]
    public async Task JoinOrCreate_fills_a_room_before_it_creates_the_next()
    {
        await StartServerAsync("server-1", null, "duel");

        var first = await Bounded(Sdk.JoinOrCreateAsync("duel", 2));
        var second = await Bounded(Sdk.JoinOrCreateAsync("duel", 2));
        var third = await Bounded(Sdk.JoinOrCreateAsync("duel", 2));

        Assert.Equal(first.RoomId, second.RoomId);
        Assert.NotEqual(first.RoomId, third.RoomId);
        Assert.Equal(2, (await Sdk.GetRoomsAsync()).Count);
    }

    [Fact]
    public async Task Concurrent_join_or_create_calls_fill_rooms_exactly()
    {
        await StartServerAsync("server-1", null, "duel");

        var seats = await Bounded(Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Sdk.JoinOrCreateAsync("duel", 2)))));

        var rooms = await Sdk.GetRoomsAsync();
        Assert.Equal(10, rooms.Count);
        Assert.All(rooms, room => Assert.Equal(2, room.Clients.Count));
        Assert.Equal(20, seats.Select(seat => seat.ClientId).Distinct().Count());
    }

    [Fact]
    public async Task JoinOrCreate_without_a_server_for_the_type_throws_NoServerAvailable_naming_it()
    {
        await StartServerAsync("server-1", null, "chat");

        var error = await Assert.ThrowsAsync<NoServerAvailableException>(() => Sdk.JoinOrCreateAsync("duel", 2));

        Assert.Equal("duel", error.RoomType);
        Assert.Empty(await Sdk.GetRoomsAsync());
    }

    [Fact]
    public async Task JoinOrCreate_with_a_capacity_below_one_is_refused_naming_the_value()
    {
        await StartServerAsync("server-1", null, "duel");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Sdk.JoinOrCreateAsync("duel", 0));

        Assert.Contains("maxClients 0", error.Message);
        Assert.Empty(await Sdk.GetRoomsAsync());
    }

    [Fact]
    public async Task JoinOrCreate_whose_new_room_fails_to_start_throws_the_servers_reason_and_removes_the_room()
    {
        var server = await StartServerAsync("server-1", null, "duel");
        server.OnAssigned = AssignmentOutcome.Fail;

        var error = await Bounded(Assert.ThrowsAsync<RoomFailedException>(() => Sdk.JoinOrCreateAsync("duel", 2)));

        Assert.Contains(server.FailureReason, error.Message);
        Assert.Empty(await Sdk.GetRoomsAsync());
    }

    private static string TokenOf(Seat seat) => QueryString.Get(SeatUrl.RawQuery(seat.Url), SeatUrl.TokenParameter)!;
}
