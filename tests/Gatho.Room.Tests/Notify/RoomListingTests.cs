using Gatho.Protocol.Errors;
using Gatho.Protocol.Notify;
using Gatho.Room.Hosting;
using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Notify;

// Issue 12: room code steers its own listing — tags and lock go to the server over the notify channel as they happen.
public class RoomListingTests
{
    private static RoomOptions Managed(FakeNotifyServer server) => new()
    {
        RoomId = "room-1",
        RoomType = "test",
        ServerId = "server-1",
        RoomSecret = TestRooms.Secret,
        NotifySocket = server.Target,
        Host = "127.0.0.1",
        StopOnProcessSignals = false,
        HeartbeatInterval = TimeSpan.FromMinutes(5),
        LoggerFactory = TestRooms.Logging,
        Environment = new Dictionary<string, string?>(),
    };

    [Fact]
    public async Task Lock_unlock_and_tag_changes_from_room_code_reach_the_server_in_order()
    {
        await using var server = new FakeNotifyServer();
        await using var host = await RoomHost.StartAsync(Managed(server), new RoomCallbacks());
        await server.NextAsync<ReadyNotify>();

        await host.Room.Post(() =>
        {
            host.Room.SetTags(new Dictionary<string, string> { ["state"] = "playing" });
            host.Room.Lock();
            host.Room.Lock();
            host.Room.RemoveTags(["mode"]);
            host.Room.Unlock();
            return host.Room.IsLocked;
        });

        // NextAsync() takes every message but heartbeats, so the second Lock() would show up here if it were sent.
        var set = Assert.IsType<RoomTagsNotify>(await server.NextAsync());
        Assert.Equal(("playing", 0), (set.Set["state"], set.Remove.Count));
        Assert.True(Assert.IsType<RoomLockNotify>(await server.NextAsync()).Locked);
        var removed = Assert.IsType<RoomTagsNotify>(await server.NextAsync());
        Assert.Equal((0, "mode"), (removed.Set.Count, Assert.Single(removed.Remove)));
        Assert.False(Assert.IsType<RoomLockNotify>(await server.NextAsync()).Locked);
    }

    [Fact]
    public async Task Invalid_tags_from_room_code_throw_naming_them_and_send_nothing()
    {
        await using var server = new FakeNotifyServer();
        await using var host = await RoomHost.StartAsync(Managed(server), new RoomCallbacks());
        await server.NextAsync<ReadyNotify>();

        var error = await Assert.ThrowsAsync<InvalidTagException>(() => host.Room.Post(() =>
        {
            host.Room.SetTags(new Dictionary<string, string> { ["state"] = "in play" });
            return true;
        }));
        var reserved = await Assert.ThrowsAsync<InvalidTagException>(() => host.Room.Post(() =>
        {
            host.Room.RemoveTags(["_gatho"]);
            return true;
        }));

        Assert.Contains("in play", error.Message);
        Assert.Contains("_gatho", reserved.Message);
        await host.Room.Post(() =>
        {
            host.Room.Lock();
            return true;
        });
        Assert.True((await server.NextAsync<RoomLockNotify>()).Locked);
    }
}
