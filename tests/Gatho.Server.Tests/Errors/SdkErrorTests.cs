using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Protocol.Errors;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Errors;

/// <summary>
/// Bad input through the SDK against a running server (gatho-behaviour §8.2, e2e "errors", DESIGN D10): each mistake
/// gets its own exception type naming the bad value, and nothing is written — no record, no reservation, no spawn.
/// </summary>
public sealed class SdkErrorTests
{
    [Fact]
    public async Task Bad_input_gets_a_typed_error_and_writes_nothing()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (room, _) = await cluster.CreateFakeAsync(server);
        var before = await StateAsync(cluster);
        var starts = cluster.Fakes.Starts;

        var unknownRoom = await Assert.ThrowsAsync<RoomNotFoundException>(() => cluster.Sdk.JoinAsync("no-such-room"));
        Assert.Equal("no-such-room", unknownRoom.RoomId);
        Assert.Equal("room-not-found", unknownRoom.Code);

        var reserved = await Assert.ThrowsAsync<InvalidTagException>(() => cluster.Sdk.CreateRoomAsync("fake", server.ServerId, tags: Tags("_internal", "x")));
        Assert.Equal("invalid-tag", reserved.Code);
        Assert.Contains("_internal", reserved.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidTagException>(() => cluster.Sdk.CreateRoomAsync("fake", server.ServerId, tags: Tags("mode", "free for all")));
        await Assert.ThrowsAsync<InvalidTagException>(() => cluster.Sdk.JoinAsync(room.RoomId, tags: Tags("team name", "red")));

        var bigData = await Assert.ThrowsAsync<PayloadTooLargeException>(() => cluster.Sdk.CreateRoomAsync("fake", server.ServerId, dataJson: JsonOfBytes(70_000)));
        Assert.Equal("data", bigData.Field);
        Assert.Equal(65536, bigData.LimitBytes);
        var bigJoin = await Assert.ThrowsAsync<PayloadTooLargeException>(() => cluster.Sdk.JoinAsync(room.RoomId, dataJson: JsonOfBytes(2049)));
        Assert.Equal(2049, bigJoin.SizeBytes);
        Assert.Equal(2048, bigJoin.LimitBytes);
        var bigTags = await Assert.ThrowsAsync<PayloadTooLargeException>(() => cluster.Sdk.JoinAsync(room.RoomId, tags: Enumerable.Range(0, 40).ToDictionary(i => "k" + i, i => new string('v', 10))));
        Assert.Equal("tags", bigTags.Field);

        foreach (var ttl in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1), TimeSpan.FromTicks(15_000) })
        {
            var bad = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => cluster.Sdk.JoinAsync(room.RoomId, ttl: ttl));
            Assert.Equal("ttl", bad.ParamName);
        }

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: TimeSpan.Zero));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => cluster.Sdk.JoinAsync(room.RoomId, dataJson: "[1,2]"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => cluster.Sdk.CreateRoomAsync("fake", server.ServerId, dataJson: "{\"unterminated\":"));

        // A heartbeat round later still nothing changed, and no room was started.
        var ticks = cluster.Driver.Heartbeats;
        await Wait.UntilAsync(() => cluster.Driver.Heartbeats >= ticks + 2, "two ticks");
        Assert.Equal(before, await StateAsync(cluster));
        Assert.Equal(starts, cluster.Fakes.Starts);
    }

    [Fact]
    public async Task Joining_a_room_that_is_not_running_yet_is_RoomNotRunning()
    {
        await using var cluster = new TestCluster();
        cluster.UseFakes(new FakeRoomRunner { OnStart = handle => handle.DialAsync() });
        var server = await cluster.StartServerAsync();
        var creating = cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: Wait.Patience);
        var roomId = await cluster.PendingRoomIdAsync(server);

        var error = await Assert.ThrowsAsync<RoomNotRunningException>(() => cluster.Sdk.JoinAsync(roomId));

        Assert.Equal(roomId, error.RoomId);
        Assert.Equal("room-not-running", error.Code);
        Assert.Empty((await cluster.Sdk.GetRoomAsync(roomId))!.Clients);
        await (await cluster.Fakes.StartedAsync(roomId)).SendAsync(new Protocol.Notify.ReadyNotify(40003));
        await creating;
    }

    [Fact]
    public async Task A_room_that_does_not_start_in_time_is_RoomTimeout_with_the_timeout_and_no_record()
    {
        await using var cluster = new TestCluster();
        cluster.UseFakes(new FakeRoomRunner { OnStart = handle => handle.DialAsync() });
        var server = await cluster.StartServerAsync();

        var error = await Assert.ThrowsAsync<RoomTimeoutException>(() => cluster.Sdk.CreateRoomAsync("fake", server.ServerId, timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Equal("room-timeout", error.Code);
        Assert.Equal(TimeSpan.FromMilliseconds(300), error.Timeout);
        Assert.Contains("300ms", error.Message, StringComparison.Ordinal);
        Assert.Null(await cluster.Sdk.GetRoomAsync(error.RoomId));
        await Wait.UntilAsync(() => server.GetRoomDetails(error.RoomId) is null, "the abandoned room stopped");
    }

    private static Dictionary<string, string> Tags(string key, string value) => new() { [key] = value };

    private static string JsonOfBytes(int bytes) => "{\"x\":\"" + new string('a', bytes - 8) + "\"}";

    /// <summary>Everything the store holds that a bad call could have written, as comparable text.</summary>
    private static async Task<string> StateAsync(TestCluster cluster)
    {
        var rooms = await cluster.Store.ListRoomsAsync();
        var servers = await cluster.Store.ListServersAsync();
        return string.Join(
            "\n",
            rooms.Select(r => $"room {r.RoomId} {r.Status} {r.DataJson} [{string.Join(",", r.Tags.Select(t => t.Key + "=" + t.Value))}] clients[{string.Join(",", r.Clients.Select(c => c.ClientId + ":" + c.Status))}]")
                .Concat(servers.Select(s => $"server {s.ServerId} rooms[{string.Join(",", s.Rooms.Select(r => r.RoomId))}]")));
    }
}
