using System.Text.Json;
using Gatho;
using Gatho.Room;

namespace Ha.Parts;

/// <summary>gatho's ha "ping" room: answers every message with <c>{type:"pong", pingCount, server, ts}</c>.</summary>
internal static class PingRoom
{
    public const string RoomType = "ping";

    public static RoomCallbacks Create(string serverId)
    {
        var pings = 0;
        return new RoomCallbacks
        {
            OnMessage = (room, client, message) =>
            {
                pings++;
                client.Send(JsonSerializer.Serialize(new { type = "pong", pingCount = pings, server = serverId, ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }));
            },
            OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromSeconds(30)),
        };
    }
}
