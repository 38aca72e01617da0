using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Conformance.Suite;

// Room and server tag updates.
public abstract partial class DriverConformanceSuite
{
    [Fact]
    public async Task AddRoomTags_merges_with_new_values_winning_and_RemoveRoomTags_drops_keys()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId, tags: Tags(("mode", "casual"), ("region", "eu")));

        await Driver.AddRoomTagsAsync(roomId, Tags(("mode", "ranked"), ("full", "no")));
        AssertTags((await RequireRoomAsync(roomId)).Tags, ("full", "no"), ("mode", "ranked"), ("region", "eu"));

        await Driver.RemoveRoomTagsAsync(roomId, ["region", "not-there"]);
        AssertTags((await RequireRoomAsync(roomId)).Tags, ("full", "no"), ("mode", "ranked"));
    }

    [Fact]
    public async Task Room_tag_updates_on_an_unknown_room_throw_RoomNotFound_naming_it()
    {
        var add = await Assert.ThrowsAsync<RoomNotFoundException>(() => Driver.AddRoomTagsAsync("ghost-room", Tags(("a", "b"))));
        var remove = await Assert.ThrowsAsync<RoomNotFoundException>(() => Driver.RemoveRoomTagsAsync("ghost-room", ["a"]));

        Assert.Equal(("ghost-room", "ghost-room"), (add.RoomId, remove.RoomId));
        Assert.Equal("room-not-found", add.Code);
        Assert.Contains("ghost-room", add.Message);
    }

    [Fact]
    public async Task Room_tag_updates_with_bad_input_change_nothing()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await RegisterRoomAsync(serverId, tags: Tags(("t", new string('x', 400))));

        await Assert.ThrowsAsync<InvalidTagException>(() => Driver.AddRoomTagsAsync(roomId, Tags(("ok", "fine"), ("_system", "x"))));
        await Assert.ThrowsAsync<InvalidTagException>(() => Driver.RemoveRoomTagsAsync(roomId, ["t", "no/slash"]));

        // 400 + 200 bytes: each set alone fits, the merge does not.
        var tooBig = await Assert.ThrowsAsync<PayloadTooLargeException>(() => Driver.AddRoomTagsAsync(roomId, Tags(("u", new string('y', 200)))));
        Assert.Equal("tags", tooBig.Field);

        AssertTags((await RequireRoomAsync(roomId)).Tags, ("t", new string('x', 400)));
    }

    [Fact]
    public async Task Server_tags_are_added_and_removed_and_reported_by_the_next_heartbeat()
    {
        var endpoint = NewEndpoint();
        var serverId = await RegisterServerAsync(endpoint: endpoint, tags: Tags(("region", "eu")));

        await Driver.AddServerTagsAsync(serverId, Tags(("draining", "yes"), ("region", "us")));
        await Driver.RemoveServerTagsAsync(serverId, ["draining"]);
        await Driver.AddServerTagsAsync(serverId, Tags(("tier", "gold")));

        AssertTags((await Driver.GetServerAsync(serverId))!.Tags, ("region", "us"), ("tier", "gold"));
        var beat = await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, endpoint, Tags(("region", "eu")), ["chat"]));
        AssertTags(beat.Tags, ("region", "us"), ("tier", "gold"));
    }

    [Fact]
    public async Task Server_tag_updates_on_an_unknown_server_throw_ServerNotFound_naming_it()
    {
        var add = await Assert.ThrowsAsync<ServerNotFoundException>(() => Driver.AddServerTagsAsync("ghost-server", Tags(("a", "b"))));
        var remove = await Assert.ThrowsAsync<ServerNotFoundException>(() => Driver.RemoveServerTagsAsync("ghost-server", ["a"]));

        Assert.Equal(("ghost-server", "ghost-server"), (add.ServerId, remove.ServerId));
        Assert.Contains("ghost-server", remove.Message);
    }

    [Fact]
    public async Task Server_tag_updates_with_bad_input_change_nothing()
    {
        var serverId = await RegisterServerAsync(tags: Tags(("region", "eu")));

        await Assert.ThrowsAsync<InvalidTagException>(() => Driver.AddServerTagsAsync(serverId, Tags(("region", "us west"))));
        await Assert.ThrowsAsync<PayloadTooLargeException>(() => Driver.AddServerTagsAsync(serverId, Tags(("big", new string('z', 600)))));

        AssertTags((await Driver.GetServerAsync(serverId))!.Tags, ("region", "eu"));
    }
}
