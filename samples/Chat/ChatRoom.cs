using System.Text.Json;
using Gatho;
using Gatho.Room;

namespace Chat;

/// <summary>
/// One chat room. Clients send <c>{"text": …}</c>; the room broadcasts JSON events: <c>welcome</c> (to a joiner: who
/// they are, who is present, recent messages), <c>join</c>, <c>away</c> (dropped, seat held), <c>back</c>,
/// <c>leave</c> and <c>message</c> (numbered room-wide). Names come from the seat's join data (<c>{"name": …}</c>).
/// </summary>
internal static class ChatRoom
{
    public const string RoomType = "chat";
    private const int HistoryLength = 50;
    private const int MaxTextLength = 500;

    private sealed record Member(string Id, string Name, bool Online);

    private sealed record ChatLine(string Type, string Id, string Name, string Text, long N);

    public static RoomCallbacks Create()
    {
        // No lock: a room's callbacks run one at a time on its own logical thread.
        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        var history = new Queue<ChatLine>();
        long lines = 0;
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        string Json(object value) => JsonSerializer.Serialize(value, json);

        return new RoomCallbacks
        {
            OnAuth = (room, request) =>
            {
                var name = request.GetString("name")?.Trim();
                return string.IsNullOrEmpty(name) ? AuthResult.Fail("a name is required") : AuthResult.Ok(name);
            },
            OnJoin = (room, client) =>
            {
                var member = new Member(client.Id, (string)client.Data!, true);
                members[client.Id] = member;
                client.Send(Json(new { type = "welcome", you = client.Id, present = members.Values, history }));
                room.Broadcast(Json(new { type = "join", id = member.Id, name = member.Name }));
            },
            OnMessage = (room, client, message) =>
            {
                if (!message.IsText || ReadText(message.Text!) is not { } text)
                {
                    return;
                }

                var line = new ChatLine("message", client.Id, members[client.Id].Name, text, ++lines);
                history.Enqueue(line);
                if (history.Count > HistoryLength)
                {
                    history.Dequeue();
                }

                room.Broadcast(Json(line));
            },
            OnDrop = (room, client, code) =>
            {
                // Keep the seat through a network drop; the others see the member as away meanwhile.
                client.AllowReconnection(TimeSpan.FromSeconds(60));
                members[client.Id] = members[client.Id] with { Online = false };
                room.Broadcast(Json(new { type = "away", id = client.Id }));
            },
            OnReconnect = (room, client) =>
            {
                members[client.Id] = members[client.Id] with { Online = true };
                room.Broadcast(Json(new { type = "back", id = client.Id }));
            },
            OnLeave = (room, client) =>
            {
                members.Remove(client.Id);
                room.Broadcast(Json(new { type = "leave", id = client.Id }));
            },
        };
    }

    private static string? ReadText(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("text", out var text)
                && text.ValueKind == JsonValueKind.String
                && text.GetString() is { Length: > 0 and <= MaxTextLength } value)
            {
                return value;
            }
        }
        catch (JsonException)
        {
            // Not JSON: ignored, like any message the room does not understand.
        }

        return null;
    }
}
