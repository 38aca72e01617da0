using Gatho.Drivers.Errors;
using Gatho.Protocol.Notify;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Notify;

/// <summary>Issue 12: a room's own tag and lock changes reach the driver through its server, without waiting for a heartbeat.</summary>
public sealed class RoomListingNotifyTests
{
    [Fact]
    public async Task Room_tags_and_lock_from_the_channel_are_written_to_the_channels_room()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(server);

        await handle.SendAsync(new RoomTagsNotify(new Dictionary<string, string> { ["state"] = "playing" }, []));
        await handle.SendAsync(new RoomLockNotify(true));

        await Wait.UntilAsync(async () => (await cluster.Sdk.GetRoomAsync(room.RoomId))!.Locked, "the room recorded locked");
        var locked = (await cluster.Sdk.GetRoomAsync(room.RoomId))!;
        Assert.Equal("playing", locked.Tags["state"]);
        await Assert.ThrowsAsync<RoomLockedException>(() => cluster.Sdk.JoinAsync(room.RoomId));

        await handle.SendAsync(new RoomTagsNotify(new Dictionary<string, string>(), ["state"]));
        await handle.SendAsync(new RoomLockNotify(false));

        await Wait.UntilAsync(async () => !(await cluster.Sdk.GetRoomAsync(room.RoomId))!.Locked, "the room recorded unlocked");
        Assert.False((await cluster.Sdk.GetRoomAsync(room.RoomId))!.Tags.ContainsKey("state"));
        await cluster.Sdk.JoinAsync(room.RoomId);
    }
}
