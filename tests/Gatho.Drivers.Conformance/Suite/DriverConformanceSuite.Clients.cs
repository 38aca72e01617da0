using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Conformance.Suite;

// Client records: reservations (seats), connect, disconnect.
public abstract partial class DriverConformanceSuite
{
    [Fact]
    public async Task ReserveClient_holds_a_reserved_seat_and_returns_what_a_token_needs()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);

        var seat = await ReserveAsync(roomId, TimeSpan.FromSeconds(20), "{ \"name\": \"ada\" }", Tags(("team", "red")));

        Assert.True(Guid.TryParse(seat.ClientId, out _));
        Assert.Equal((roomId, EndpointOf(roomId), SecretOf(roomId)), (seat.RoomId, seat.Endpoint, seat.RoomSecret));
        Assert.Equal("{\"name\":\"ada\"}", seat.DataJson);
        AssertTags(seat.Tags, ("team", "red"));
        Assert.Equal(TimeSpan.FromSeconds(20), seat.ExpiresAt - seat.ReservedAt);

        var client = Assert.Single((await RequireRoomAsync(roomId)).Clients);
        Assert.Equal((seat.ClientId, ClientStatus.Reserved, (DateTimeOffset?)null), (client.ClientId, client.Status, client.ConnectedAt));
        AssertTags(client.Tags, ("team", "red"));
    }

    [Fact]
    public async Task ReserveClient_gives_every_seat_its_own_client_id()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);

        var first = await ReserveAsync(roomId);
        var second = await ReserveAsync(roomId);

        Assert.NotEqual(first.ClientId, second.ClientId);
        Assert.Equal(2, (await RequireRoomAsync(roomId)).Clients.Count);
    }

    [Fact]
    public async Task ReserveClient_in_an_unknown_room_throws_RoomNotFound_naming_it()
    {
        var error = await Assert.ThrowsAsync<RoomNotFoundException>(() => ReserveAsync("ghost-room"));

        Assert.Equal("ghost-room", error.RoomId);
        Assert.Contains("ghost-room", error.Message);
    }

    [Fact]
    public async Task ReserveClient_in_a_requested_room_throws_RoomNotRunning_and_writes_nothing()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId);

        var error = await Assert.ThrowsAsync<RoomNotRunningException>(() => ReserveAsync(roomId));

        Assert.Equal((roomId, RoomStatus.Requested, "room-not-running"), (error.RoomId, error.Status, error.Code));
        Assert.Contains(roomId, error.Message);
        Assert.Empty((await RequireRoomAsync(roomId)).Clients);
    }

    [Fact]
    public async Task ReserveClient_join_data_is_limited_to_2048_bytes_inclusive()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);

        // {"d":"<n chars>"} is 8 + n bytes.
        await ReserveAsync(roomId, dataJson: $"{{\"d\":\"{new string('x', 2040)}\"}}");
        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(() => ReserveAsync(roomId, dataJson: $"{{\"d\":\"{new string('x', 2041)}\"}}"));

        Assert.Equal(("data", 2049, 2048), (error.Field, error.SizeBytes, error.LimitBytes));
        Assert.Single((await RequireRoomAsync(roomId)).Clients);
    }

    [Fact]
    public async Task ReserveClient_tags_are_limited_to_512_bytes_inclusive()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);

        // {"t":"<n chars>"} is 8 + n bytes.
        await ReserveAsync(roomId, tags: Tags(("t", new string('x', 504))));
        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(() => ReserveAsync(roomId, tags: Tags(("t", new string('x', 505)))));

        Assert.Equal(("tags", 513, 512), (error.Field, error.SizeBytes, error.LimitBytes));
        Assert.Single((await RequireRoomAsync(roomId)).Clients);
    }

    [Fact]
    public async Task ReserveClient_with_bad_input_throws_the_specific_error_and_writes_nothing()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);

        var zeroTtl = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReserveAsync(roomId, TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, zeroTtl.ActualValue);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReserveAsync(roomId, TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReserveAsync(roomId, TimeSpan.FromTicks(15_000)));
        var badTag = await Assert.ThrowsAsync<InvalidTagException>(() => ReserveAsync(roomId, tags: Tags(("_internal", "x"))));
        Assert.Contains("_internal", badTag.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => ReserveAsync(roomId, dataJson: "[\"not\", \"an object\"]"));

        Assert.Empty((await RequireRoomAsync(roomId)).Clients);
    }

    [Fact]
    public async Task A_reservation_lapses_after_its_ttl_but_a_connected_client_stays()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);
        var unused = await ReserveAsync(roomId, TimeSpan.FromSeconds(5));
        var used = await ReserveAsync(roomId, TimeSpan.FromSeconds(5));
        await Driver.ConnectClientAsync(used.ClientId, roomId, Model.Tags.None);

        await AdvanceTimeAsync(TimeSpan.FromSeconds(15));

        var client = Assert.Single((await RequireRoomAsync(roomId)).Clients);
        Assert.Equal((used.ClientId, ClientStatus.Connected), (client.ClientId, client.Status));
        Assert.False(await Driver.DisconnectClientAsync(unused.ClientId));
    }

    [Fact]
    public async Task ConnectClient_is_an_idempotent_full_upsert()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);
        var seat = await ReserveAsync(roomId, tags: Tags(("team", "red")));

        await Driver.ConnectClientAsync(seat.ClientId, roomId, Tags(("team", "blue")));
        await Driver.ConnectClientAsync(seat.ClientId, roomId, Tags(("team", "blue")));

        var client = Assert.Single((await RequireRoomAsync(roomId)).Clients);
        Assert.Equal((seat.ClientId, ClientStatus.Connected), (client.ClientId, client.Status));
        Assert.NotNull(client.ConnectedAt);
        AssertTags(client.Tags, ("team", "blue"));
    }

    [Fact]
    public async Task ConnectClient_heals_a_reservation_that_lapsed_before_the_client_arrived()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);
        var seat = await ReserveAsync(roomId, TimeSpan.FromSeconds(1));
        await AdvanceTimeAsync(TimeSpan.FromSeconds(3));
        Assert.Empty((await RequireRoomAsync(roomId)).Clients);

        await Driver.ConnectClientAsync(seat.ClientId, roomId, Tags(("team", "red")));

        var client = Assert.Single((await RequireRoomAsync(roomId)).Clients);
        Assert.Equal((seat.ClientId, ClientStatus.Connected), (client.ClientId, client.Status));
    }

    [Fact]
    public async Task ConnectClient_moves_a_client_that_was_recorded_in_another_room()
    {
        var serverId = await RegisterServerAsync();
        var first = await StartRoomAsync(serverId);
        var second = await StartRoomAsync(serverId);
        await Driver.ConnectClientAsync("wanderer", first, Model.Tags.None);

        await Driver.ConnectClientAsync("wanderer", second, Model.Tags.None);

        Assert.Empty((await RequireRoomAsync(first)).Clients);
        Assert.Equal(["wanderer"], (await RequireRoomAsync(second)).Clients.Select(client => client.ClientId));
    }

    [Fact]
    public async Task ConnectClient_to_an_unknown_room_throws_RoomNotFound_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<RoomNotFoundException>(() => Driver.ConnectClientAsync("client-1", "ghost-room", Model.Tags.None));

        Assert.Equal("ghost-room", error.RoomId);
        Assert.False(await Driver.DisconnectClientAsync("client-1"));
    }

    [Fact]
    public async Task ConnectClient_with_invalid_tags_writes_nothing()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);

        await Assert.ThrowsAsync<InvalidTagException>(() => Driver.ConnectClientAsync("client-1", roomId, Tags(("bad key", "x"))));

        Assert.Empty((await RequireRoomAsync(roomId)).Clients);
    }

    [Fact]
    public async Task DisconnectClient_deletes_the_client_and_reports_whether_it_existed()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);
        await Driver.ConnectClientAsync("client-1", roomId, Model.Tags.None);
        await Driver.ConnectClientAsync("client-2", roomId, Model.Tags.None);

        Assert.True(await Driver.DisconnectClientAsync("client-1"));
        Assert.False(await Driver.DisconnectClientAsync("client-1"));

        Assert.Equal(["client-2"], (await RequireRoomAsync(roomId)).Clients.Select(client => client.ClientId));
    }
}
