using Gatho.Room;

namespace Gatho.TestRoom;

/// <summary>The room the abuse suite attacks: cheap on everything except what its well-behaved and echo clients ask for.</summary>
internal static class AbuseRoom
{
    public static Task RunAsync()
    {
        var sent = new Dictionary<string, uint>(StringComparer.Ordinal);
        return GathoRoom.RunAsync(new RoomOptions(), new RoomCallbacks
        {
            OnMessage = (room, client, message) =>
            {
                if (message.IsText)
                {
                    var text = message.Text!;
                    if (text.StartsWith("ping:", StringComparison.Ordinal))
                    {
                        Reply(client, message, sent);
                    }
                    else if (text.StartsWith("sent?", StringComparison.Ordinal))
                    {
                        client.Send(sent.TryGetValue(text[5..], out var count) ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "gone");
                        sent[client.Id] = sent.GetValueOrDefault(client.Id) + 1;
                    }

                    return;
                }

                if (message.Data.Length > 0 && message.Data.Span[0] == (byte)'E')
                {
                    Reply(client, message, sent);
                }
            },
            OnJoin = (room, client) => sent[client.Id] = 0,
            OnLeave = (room, client) => sent.Remove(client.Id),
        });
    }

    private static void Reply(IRoomClient client, RoomMessage message, Dictionary<string, uint> sent)
    {
        client.Send(message);
        if (message.IsReliable)
        {
            sent[client.Id] = sent.GetValueOrDefault(client.Id) + 1;
        }
    }
}
