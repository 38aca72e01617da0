using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Conformance.Suite;

// Room records: register, ready, lapse, unregister, failure.
public abstract partial class DriverConformanceSuite
{
    [Fact]
    public async Task RegisterRoom_writes_a_requested_room_with_compact_data_and_tags()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId, "duel", "{ \"map\": \"dust\", \"rules\": { \"rounds\": 3 } }", Tags(("mode", "ranked")));

        var room = await RequireRoomAsync(roomId);
        Assert.Equal(roomId, room.RoomId);
        Assert.Equal("duel", room.RoomType);
        Assert.Equal(serverId, room.ServerId);
        Assert.Equal(RoomStatus.Requested, room.Status);
        Assert.Null(room.Endpoint);
        Assert.Empty(room.Clients);
        Assert.Equal("{\"map\":\"dust\",\"rules\":{\"rounds\":3}}", room.DataJson);
        AssertTags(room.Tags, ("mode", "ranked"));
    }

    [Fact]
    public async Task RegisterRoom_without_data_or_tags_stores_an_empty_object_and_no_tags()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId);

        var room = await RequireRoomAsync(roomId);
        Assert.Equal("{}", room.DataJson);
        Assert.Empty(room.Tags);
    }

    [Fact]
    public async Task RegisterRoom_for_an_unknown_server_throws_ServerNotFound_naming_it_and_writes_nothing()
    {
        var roomId = NewId("room");

        var error = await Assert.ThrowsAsync<ServerNotFoundException>(() => RegisterRoomAsync("no-such-server", roomId: roomId));

        Assert.Equal("no-such-server", error.ServerId);
        Assert.Equal("server-not-found", error.Code);
        Assert.Contains("no-such-server", error.Message);
        Assert.Null(await Driver.GetRoomAsync(roomId));
        Assert.Empty(await Driver.ListRoomsAsync());
    }

    [Fact]
    public async Task RegisterRoom_with_an_id_in_use_throws_RoomExists_and_keeps_the_original()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);

        var error = await Assert.ThrowsAsync<RoomExistsException>(() => RegisterRoomAsync(serverId, "duel", roomId: roomId));

        Assert.Equal(roomId, error.RoomId);
        var room = await RequireRoomAsync(roomId);
        Assert.Equal(RoomStatus.Running, room.Status);
        Assert.Equal("chat", room.RoomType);
        Assert.Equal(EndpointOf(roomId), room.Endpoint);
    }

    public static TheoryData<long> BadTtlTicks => new()
    {
        0,
        -TimeSpan.TicksPerSecond,
        TimeSpan.TicksPerMillisecond * 3 / 2, // 1.5 ms: stores keep whole milliseconds
        Timeout.InfiniteTimeSpan.Ticks,
        TimeSpan.FromDays(366).Ticks,
        TimeSpan.MaxValue.Ticks,
    };

    [Theory]
    [MemberData(nameof(BadTtlTicks))]
    public async Task RegisterRoom_with_a_bad_ttl_throws_ArgumentOutOfRange_naming_it_and_writes_nothing(long ticks)
    {
        var serverId = await RegisterServerAsync();
        await using var events = await Support.EventRecorder.SubscribeAsync(Driver, serverId);
        var ttl = TimeSpan.FromTicks(ticks);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RegisterRoomAsync(serverId, ttl: ttl, roomId: "bad-ttl-room"));

        Assert.Equal(ttl, error.ActualValue);
        Assert.Null(await Driver.GetRoomAsync("bad-ttl-room"));
        Assert.Empty((await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, NewEndpoint(), Model.Tags.None, ["chat"]))).DesiredRooms);

        // No assignment was pushed: the next event is the marker registered afterwards.
        var marker = await RegisterRoomAsync(serverId);
        Assert.Equal(marker, (await events.NextAsync<Events.RoomAssignedEvent>()).RoomId);
    }

    [Theory]
    [InlineData("bad key", "v", "bad key")]
    [InlineData("_reserved", "v", "_reserved")]
    [InlineData("mode", "has space", "has space")]
    [InlineData("mode", "", "mode")]
    public async Task RegisterRoom_with_an_invalid_tag_throws_InvalidTag_naming_it_and_writes_nothing(string key, string value, string named)
    {
        var serverId = await RegisterServerAsync();

        var error = await Assert.ThrowsAsync<InvalidTagException>(() => RegisterRoomAsync(serverId, tags: Tags((key, value)), roomId: "tagged-room"));

        Assert.Contains(named, error.Message);
        Assert.Null(await Driver.GetRoomAsync("tagged-room"));
    }

    [Fact]
    public async Task RegisterRoom_tags_are_limited_to_512_bytes_inclusive()
    {
        var serverId = await RegisterServerAsync();

        // {"t":"<n chars>"} is 8 + n bytes.
        var fits = await RegisterRoomAsync(serverId, tags: Tags(("t", new string('x', 504))));
        Assert.NotNull(await Driver.GetRoomAsync(fits));

        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(() => RegisterRoomAsync(serverId, tags: Tags(("t", new string('x', 505))), roomId: "big-tags"));
        Assert.Equal(("tags", 513, 512), (error.Field, error.SizeBytes, error.LimitBytes));
        Assert.Null(await Driver.GetRoomAsync("big-tags"));
    }

    [Fact]
    public async Task RegisterRoom_data_is_limited_to_64_KiB_inclusive()
    {
        var serverId = await RegisterServerAsync();

        // {"d":"<n chars>"} is 8 + n bytes.
        var fits = await RegisterRoomAsync(serverId, dataJson: $"{{\"d\":\"{new string('x', 65536 - 8)}\"}}");
        Assert.NotNull(await Driver.GetRoomAsync(fits));

        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(
            () => RegisterRoomAsync(serverId, dataJson: $"{{\"d\":\"{new string('x', 65536 - 7)}\"}}", roomId: "big-data"));
        Assert.Equal(("data", 65537, 65536), (error.Field, error.SizeBytes, error.LimitBytes));
        Assert.Null(await Driver.GetRoomAsync("big-data"));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{not json")]
    public async Task RegisterRoom_data_must_be_a_json_object(string dataJson)
    {
        var serverId = await RegisterServerAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => RegisterRoomAsync(serverId, dataJson: dataJson, roomId: "bad-data"));

        Assert.Equal("DataJson", error.ParamName);
        Assert.Null(await Driver.GetRoomAsync("bad-data"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("white space")]
    public async Task RegisterRoom_refuses_unusable_room_ids(string roomId)
    {
        var serverId = await RegisterServerAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => RegisterRoomAsync(serverId, roomId: roomId));

        Assert.Contains($"\"{roomId}\"", error.Message);
        Assert.Empty(await Driver.ListRoomsAsync());
    }

    [Fact]
    public async Task RoomReady_makes_the_room_running_with_endpoint_and_secret_and_stops_its_ttl()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId, ttl: TimeSpan.FromSeconds(5));

        Assert.True(await Driver.RoomReadyAsync(roomId, "wss://rooms.example.com/r1", "s3cret"));
        await AdvanceTimeAsync(TimeSpan.FromSeconds(10));

        var room = await RequireRoomAsync(roomId);
        Assert.Equal(RoomStatus.Running, room.Status);
        Assert.Equal("wss://rooms.example.com/r1", room.Endpoint);
        Assert.Equal("s3cret", (await ReserveAsync(roomId)).RoomSecret);
    }

    [Fact]
    public async Task RoomReady_for_an_unknown_room_returns_false_and_writes_nothing()
    {
        Assert.False(await Driver.RoomReadyAsync("never-registered", "ws://127.0.0.1:4000", "s"));

        Assert.Null(await Driver.GetRoomAsync("never-registered"));
        Assert.Empty(await Driver.ListRoomsAsync());
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://host/room")]
    [InlineData("/relative/path")]
    public async Task RoomReady_with_a_bad_endpoint_throws_and_leaves_the_room_requested(string endpoint)
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Driver.RoomReadyAsync(roomId, endpoint, "s"));

        Assert.Contains(endpoint, error.Message);
        Assert.Equal(RoomStatus.Requested, (await RequireRoomAsync(roomId)).Status);
    }

    [Fact]
    public async Task A_requested_room_vanishes_after_its_ttl_and_a_late_RoomReady_is_refused_without_writes()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId, ttl: TimeSpan.FromSeconds(5));

        await AdvanceTimeAsync(TimeSpan.FromSeconds(6));

        Assert.Null(await Driver.GetRoomAsync(roomId));
        Assert.Empty(await Driver.ListRoomsAsync());
        Assert.Empty((await Driver.GetServerAsync(serverId))!.Rooms);
        Assert.False(await Driver.RoomReadyAsync(roomId, EndpointOf(roomId), SecretOf(roomId)));
        Assert.Null(await Driver.GetRoomAsync(roomId));
        Assert.Empty(await Driver.ListRoomsAsync(new RoomFilter { Status = RoomStatus.Running }));
    }

    [Fact]
    public async Task A_requested_room_is_still_there_just_before_its_ttl()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId, ttl: TimeSpan.FromSeconds(5));

        await AdvanceTimeAsync(TimeSpan.FromSeconds(4));

        Assert.NotNull(await Driver.GetRoomAsync(roomId));
        Assert.True(await Driver.RoomReadyAsync(roomId, EndpointOf(roomId), SecretOf(roomId)));
    }

    [Fact]
    public async Task UnregisterRoom_deletes_the_room_and_its_clients()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);
        var reserved = await ReserveAsync(roomId);
        await Driver.ConnectClientAsync("connected-client", roomId, Model.Tags.None);

        Assert.True(await Driver.UnregisterRoomAsync(roomId));

        Assert.Null(await Driver.GetRoomAsync(roomId));
        Assert.Empty((await Driver.GetServerAsync(serverId))!.Rooms);
        Assert.False(await Driver.DisconnectClientAsync(reserved.ClientId));
        Assert.False(await Driver.DisconnectClientAsync("connected-client"));
    }

    [Fact]
    public async Task UnregisterRoom_of_an_unknown_room_returns_false()
    {
        Assert.False(await Driver.UnregisterRoomAsync("never-registered"));
    }

    [Fact]
    public async Task RoomFailure_deletes_the_room_and_its_clients()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);
        await Driver.ConnectClientAsync("client-1", roomId, Model.Tags.None);

        await Driver.RoomFailureAsync(roomId, "process stalled (heartbeat timeout)");

        Assert.Null(await Driver.GetRoomAsync(roomId));
        Assert.False(await Driver.DisconnectClientAsync("client-1"));
        Assert.Empty((await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, NewEndpoint(), Model.Tags.None, ["chat"]))).DesiredRooms);
    }

    [Fact]
    public async Task Rooms_of_other_servers_are_untouched_by_unregistering_one_room()
    {
        var a = await RegisterServerAsync();
        var b = await RegisterServerAsync();
        var roomA = await StartRoomAsync(a);
        var roomB = await StartRoomAsync(b);

        await Driver.UnregisterRoomAsync(roomA);

        Assert.Equal([roomB], (await Driver.ListRoomsAsync()).Select(room => room.RoomId));
    }
}
