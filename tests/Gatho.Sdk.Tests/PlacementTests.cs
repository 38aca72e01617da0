using Gatho.Drivers.Model;
using Gatho.Sdk.Errors;
using Gatho.Sdk.Tests.Support;

namespace Gatho.Sdk.Tests;

public sealed class PlacementTests : SdkTestBase
{
    [Fact]
    public async Task A_room_goes_to_the_live_server_supporting_its_type_with_the_fewest_rooms()
    {
        await StartServerAsync("server-a", null, "chat");
        await StartServerAsync("server-b", null, "chat", "duel");
        await StartServerAsync("server-c", null, "duel");
        await Bounded(Sdk.CreateRoomAsync("chat", "server-a"));
        await Bounded(Sdk.CreateRoomAsync("chat", "server-a"));
        await Bounded(Sdk.CreateRoomAsync("duel", "server-b"));

        var room = await Bounded(Sdk.CreateRoomOnLeastLoadedServerAsync("chat"));

        // server-c is empty but cannot run chat rooms; server-b has one room against server-a's two.
        Assert.Equal("server-b", room.ServerId);
        Assert.Equal(RoomStatus.Running, room.Status);
    }

    [Fact]
    public async Task Ties_go_to_the_lowest_server_id_and_placement_spreads_rooms()
    {
        await StartServerAsync("server-b");
        await StartServerAsync("server-a");

        var first = await Bounded(Sdk.CreateRoomOnLeastLoadedServerAsync("chat"));
        var second = await Bounded(Sdk.CreateRoomOnLeastLoadedServerAsync("chat"));

        Assert.Equal(["server-a", "server-b"], new[] { first.ServerId, second.ServerId });
    }

    [Fact]
    public async Task Server_tags_restrict_the_candidates()
    {
        await StartServerAsync("server-a", Tags(("region", "us")));
        await StartServerAsync("server-b", Tags(("region", "eu")));
        await Bounded(Sdk.CreateRoomAsync("chat", "server-b"));

        var room = await Bounded(Sdk.CreateRoomOnLeastLoadedServerAsync("chat", serverTags: Tags(("region", "eu")), tags: Tags(("mode", "ranked"))));

        Assert.Equal("server-b", room.ServerId);
        Assert.Equal("ranked", room.Tags["mode"]);
    }

    [Fact]
    public async Task No_suitable_server_throws_NoServerAvailable_naming_the_type_and_tags()
    {
        await StartServerAsync("server-a", Tags(("region", "us")), "chat");

        var byType = await Assert.ThrowsAsync<NoServerAvailableException>(() => Sdk.CreateRoomOnLeastLoadedServerAsync("duel"));
        var byTags = await Assert.ThrowsAsync<NoServerAvailableException>(() => Sdk.CreateRoomOnLeastLoadedServerAsync("chat", Tags(("region", "eu"))));

        Assert.Equal(("duel", "no-server-available"), (byType.RoomType, byType.Code));
        Assert.Equal("no live server supports room type duel", byType.Message);
        Assert.Equal("no live server supports room type chat with tags region=eu", byTags.Message);
        Assert.Empty(await Sdk.GetRoomsAsync());
    }

    [Fact]
    public async Task Stale_servers_are_never_chosen()
    {
        await StartServerAsync("server-a");
        Clock.Advance(TimeSpan.FromSeconds(31));

        await Assert.ThrowsAsync<NoServerAvailableException>(() => Sdk.CreateRoomOnLeastLoadedServerAsync("chat"));
    }

    [Fact]
    public async Task Listings_and_tag_updates_pass_through_to_the_driver()
    {
        await StartServerAsync("server-a", Tags(("region", "eu")));
        var room = await Bounded(Sdk.CreateRoomAsync("chat", "server-a", tags: Tags(("mode", "casual"))));

        await Sdk.AddRoomTagsAsync(room.RoomId, Tags(("full", "yes")));
        await Sdk.RemoveRoomTagsAsync(room.RoomId, ["mode"]);
        await Sdk.AddServerTagsAsync("server-a", Tags(("draining", "yes")));
        await Sdk.RemoveServerTagsAsync("server-a", ["region"]);

        Assert.Equal([room.RoomId], (await Sdk.GetRoomsAsync(new RoomFilter { TagsEqual = Tags(("full", "yes")) })).Select(r => r.RoomId));
        Assert.Empty(await Sdk.GetRoomsAsync(new RoomFilter { TagsEqual = Tags(("mode", "casual")) }));
        var server = Assert.Single(await Sdk.GetServersAsync(new ServerFilter { Tags = Tags(("draining", "yes")) }));
        Assert.False(server.Tags.ContainsKey("region"));
        Assert.Equal([room.RoomId], server.Rooms.Select(r => r.RoomId));
    }
}
