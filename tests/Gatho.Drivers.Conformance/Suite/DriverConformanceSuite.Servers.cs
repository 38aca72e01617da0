using Gatho.Drivers.Model;
using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Conformance.Suite;

// Server records: heartbeat registration, desired rooms, same-endpoint eviction, listings, unregistering.
public abstract partial class DriverConformanceSuite
{
    [Fact]
    public async Task Heartbeat_reports_registered_only_when_it_creates_the_record()
    {
        var beat = new ServerHeartbeat("server-1", NewEndpoint(), Tags(("region", "eu")), ["chat"]);

        var first = await Driver.HeartbeatAsync(beat);
        var second = await Driver.HeartbeatAsync(beat);

        Assert.True(first.Registered);
        Assert.False(second.Registered);
        AssertTags(first.Tags, ("region", "eu"));
    }

    [Fact]
    public async Task Heartbeat_writes_tags_only_on_first_insert_but_refreshes_endpoint_and_room_types()
    {
        await Driver.HeartbeatAsync(new ServerHeartbeat("server-1", "http://10.0.0.1:3000", Tags(("region", "eu")), ["chat"]));

        var later = await Driver.HeartbeatAsync(new ServerHeartbeat("server-1", "http://10.0.0.9:3000", Tags(("region", "us")), ["chat", "duel"]));

        AssertTags(later.Tags, ("region", "eu"));
        var server = (await Driver.GetServerAsync("server-1"))!;
        AssertTags(server.Tags, ("region", "eu"));
        Assert.Equal("http://10.0.0.9:3000", server.Endpoint);
        Assert.Equal(["chat", "duel"], server.RoomTypes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Heartbeat_returns_every_room_placed_on_the_server_with_its_status()
    {
        var endpoint = NewEndpoint();
        var serverId = await RegisterServerAsync(endpoint: endpoint);
        var other = await RegisterServerAsync();
        var requested = await RegisterRoomAsync(serverId, "duel", "{\"map\":\"dust\"}");
        var running = await StartRoomAsync(serverId);
        await StartRoomAsync(other);

        var beat = await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, endpoint, Model.Tags.None, ["chat", "duel"]));

        Assert.False(beat.Registered);
        Assert.Equal(
            [new DesiredRoom(requested, "duel", "{\"map\":\"dust\"}", RoomStatus.Requested), new DesiredRoom(running, "chat", "{}", RoomStatus.Running)],
            beat.DesiredRooms.OrderBy(room => room.Status));
    }

    [Fact]
    public async Task A_new_server_at_an_existing_endpoint_unregisters_the_old_one_with_its_rooms()
    {
        var endpoint = NewEndpoint();
        var old = await RegisterServerAsync(endpoint: endpoint);
        var oldRoom = await StartRoomAsync(old);
        await Driver.ConnectClientAsync("client-1", oldRoom, Model.Tags.None);
        var bystander = await RegisterServerAsync();
        var bystanderRoom = await StartRoomAsync(bystander);

        var restarted = await Driver.HeartbeatAsync(new ServerHeartbeat("restarted", endpoint, Model.Tags.None, ["chat"]));

        Assert.True(restarted.Registered);
        Assert.Empty(restarted.DesiredRooms);
        Assert.Null(await Driver.GetServerAsync(old));
        Assert.Null(await Driver.GetRoomAsync(oldRoom));
        Assert.False(await Driver.DisconnectClientAsync("client-1"));
        Assert.NotNull(await Driver.GetRoomAsync(bystanderRoom));
        Assert.Equal(["restarted", bystander], (await Driver.ListServersAsync()).Select(server => server.ServerId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Heartbeat_with_bad_input_writes_nothing()
    {
        await Assert.ThrowsAsync<InvalidTagException>(() => Driver.HeartbeatAsync(new ServerHeartbeat("server-1", NewEndpoint(), Tags(("_gatho", "x")), ["chat"])));
        await Assert.ThrowsAsync<PayloadTooLargeException>(() => Driver.HeartbeatAsync(new ServerHeartbeat("server-1", NewEndpoint(), Tags(("t", new string('x', 506))), ["chat"])));
        var badEndpoint = await Assert.ThrowsAsync<ArgumentException>(() => Driver.HeartbeatAsync(new ServerHeartbeat("server-1", "0.0.0.0:3000", Model.Tags.None, ["chat"])));
        Assert.Contains("0.0.0.0:3000", badEndpoint.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => Driver.HeartbeatAsync(new ServerHeartbeat("server-1", NewEndpoint(), Model.Tags.None, ["chat", "bad type"])));

        Assert.Null(await Driver.GetServerAsync("server-1"));
        Assert.Empty(await Driver.ListServersAsync());
    }

    [Fact]
    public async Task ListServers_returns_live_servers_with_their_rooms_and_clients()
    {
        var serverId = await RegisterServerAsync(tags: Tags(("region", "eu")));
        var roomId = await StartRoomAsync(serverId, tags: Tags(("mode", "ranked")));
        await Driver.ConnectClientAsync("client-1", roomId, Tags(("team", "red")));

        var server = Assert.Single(await Driver.ListServersAsync());

        Assert.Equal(serverId, server.ServerId);
        AssertTags(server.Tags, ("region", "eu"));
        var room = Assert.Single(server.Rooms);
        Assert.Equal((roomId, RoomStatus.Running), (room.RoomId, room.Status));
        AssertTags(room.Tags, ("mode", "ranked"));
        var client = Assert.Single(room.Clients);
        AssertTags(client.Tags, ("team", "red"));
    }

    public static TheoryData<string, string> ServerFilterCases => new()
    {
        { "none", "A B C" },
        { "types=chat", "A B" },
        { "types=chat,duel", "A" },
        { "types=race", "" },
        { "tags region=eu", "A C" },
        { "tags region=eu tier=gold", "C" },
        { "types=chat tags region=eu", "A" },
    };

    [Theory]
    [MemberData(nameof(ServerFilterCases))]
    public async Task ListServers_requires_all_room_types_and_all_tags(string filterText, string expected)
    {
        var names = new Dictionary<string, string>
        {
            [await RegisterServerAsync("srv-a", tags: Tags(("region", "eu")), roomTypes: ["chat", "duel"])] = "A",
            [await RegisterServerAsync("srv-b", tags: Tags(("region", "us")), roomTypes: ["chat"])] = "B",
            [await RegisterServerAsync("srv-c", tags: Tags(("region", "eu"), ("tier", "gold")), roomTypes: ["duel"])] = "C",
        };
        var filter = new ServerFilter();
        var words = filterText.Split(' ');
        foreach (var word in words.Where(word => word.StartsWith("types=", StringComparison.Ordinal)))
        {
            filter = filter with { RoomTypes = word["types=".Length..].Split(',') };
        }

        var tagWords = words.SkipWhile(word => word != "tags").Skip(1).ToArray();
        if (tagWords.Length > 0)
        {
            filter = filter with { Tags = tagWords.ToDictionary(word => word[..word.IndexOf('=')], word => word[(word.IndexOf('=') + 1)..]) };
        }

        var listed = await Driver.ListServersAsync(filter);

        Assert.Equal(expected, string.Join(' ', listed.Select(server => names[server.ServerId])));
    }

    [Fact]
    public async Task UnregisterServer_deletes_the_server_its_rooms_and_their_clients()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);
        await Driver.ConnectClientAsync("client-1", roomId, Model.Tags.None);
        var other = await RegisterServerAsync();
        var otherRoom = await StartRoomAsync(other);

        Assert.True(await Driver.UnregisterServerAsync(serverId));

        Assert.Null(await Driver.GetServerAsync(serverId));
        Assert.Null(await Driver.GetRoomAsync(roomId));
        Assert.False(await Driver.DisconnectClientAsync("client-1"));
        Assert.Equal([otherRoom], (await Driver.ListRoomsAsync()).Select(room => room.RoomId));
        Assert.False(await Driver.UnregisterServerAsync(serverId));
    }

    [Fact]
    public async Task A_server_heartbeating_again_after_being_unregistered_is_registered_anew_without_rooms()
    {
        var endpoint = NewEndpoint();
        var serverId = await RegisterServerAsync(endpoint: endpoint);
        await StartRoomAsync(serverId);
        await Driver.UnregisterServerAsync(serverId);

        var beat = await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, endpoint, Model.Tags.None, ["chat"]));

        Assert.True(beat.Registered);
        Assert.Empty(beat.DesiredRooms);
    }

    [Fact]
    public async Task GetServer_of_an_unknown_server_is_null()
    {
        Assert.Null(await Driver.GetServerAsync("never-registered"));
    }
}
