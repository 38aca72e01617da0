using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Gatho.Protocol.Urls;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.JoinData;

/// <summary>Join data travels from <c>sdk.Join</c> through the seat token to the room's <c>OnAuth</c> (e2e "join-data").</summary>
public sealed class JoinDataTests
{
    [Fact]
    public async Task Join_data_including_nested_json_and_tags_reaches_OnAuth_and_absent_data_is_an_empty_object()
    {
        await using var cluster = new TestCluster();
        var seen = new ConcurrentDictionary<string, AuthRequest>();
        var server = await cluster.StartServerAsync(o => o.Rooms["echo"] = EchoRooms.Runner((_, request) => seen[request.ClientId] = request));
        var room = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId);
        const string data = "{\"name\":\"Ann\",\"profile\":{\"level\":3,\"badges\":[\"a\",\"b\"],\"guest\":false},\"score\":1.5,\"note\":null}";

        var withData = await cluster.Sdk.JoinAsync(room.RoomId, dataJson: data, tags: new Dictionary<string, string> { ["team"] = "red" });
        var without = await cluster.Sdk.JoinAsync(room.RoomId);
        await using (var first = await WireClient.ConnectAsync(SeatUrl.ForConnect(withData.Url, 1)))
        await using (var second = await WireClient.ConnectAsync(SeatUrl.ForConnect(without.Url, 1)))
        {
            await first.SessionAsync();
            await second.SessionAsync();
        }

        var auth = seen[withData.ClientId];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(data), JsonNode.Parse(auth.JoinDataJson)), auth.JoinDataJson);
        Assert.Equal(3, auth.JoinData.GetProperty("profile").GetProperty("level").GetInt32());
        Assert.Equal("Ann", auth.GetString("name"));
        Assert.Equal("red", auth.Tags["team"]);
        Assert.Equal("{}", seen[without.ClientId].JoinDataJson);
        Assert.Empty(seen[without.ClientId].Tags);
    }
}
