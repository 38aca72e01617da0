using System.Text.Json;
using Gatho;

namespace Quickstart;

/// <summary>
/// The counter room from gatho's README: counts increments and decrements, tells each joiner the count and everyone
/// every change. Messages are raw JSON strings, gatho style. Runs as its own process (started by the server).
/// </summary>
internal static class CounterRoom
{
    public static RoomCallbacks Create()
    {
        // No lock: every callback of a room runs on its one logical thread.
        var count = 0;
        return new RoomCallbacks
        {
            OnJoin = (room, client) => client.Send(CountMessage(count)),
            OnMessage = (room, client, message) =>
            {
                if (!message.IsText)
                {
                    return;
                }

                using var json = JsonDocument.Parse(message.Text!);
                switch (json.RootElement.GetProperty("type").GetString())
                {
                    case "increment":
                        count++;
                        break;
                    case "decrement":
                        count--;
                        break;
                    default:
                        return;
                }

                room.Broadcast(CountMessage(count));
            },
        };
    }

    private static string CountMessage(int count) => $"{{\"type\":\"count\",\"count\":{count}}}";
}
