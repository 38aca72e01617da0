using System.Net.Http.Json;
using System.Threading.Channels;
using MyGame;

// A console player: `MyGame.Client <backend URL>` asks the backend for a match, joins the room it names and plays
// until someone reaches the target. Exits 0 when the game ended (won or lost), 1 otherwise.
if (args is not [var backendUrl])
{
    Console.Error.WriteLine("usage: MyGame.Client <backend URL>, e.g. http://127.0.0.1:5080");
    return 2;
}

using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
using var http = new HttpClient { BaseAddress = new Uri(backendUrl) };
using var response = await http.PostAsync("/match", null, patience.Token);
response.EnsureSuccessStatusCode();
var match = (await response.Content.ReadFromJsonAsync<MatchResponse>(patience.Token))!;

// The client raises its events on its own thread: hand them to this loop, which decides and sends.
var events = Channel.CreateBounded<object>(16);
await using var client = new RaceClient(match.Url);
client.Welcome += welcome => events.Writer.TryWrite(welcome);
client.Total += total => events.Writer.TryWrite(total);
client.Refused += refused => events.Writer.TryWrite(refused);
await client.ConnectAsync(patience.Token);

var me = 0;
await foreach (var update in events.Reader.ReadAllAsync(patience.Token))
{
    switch (update)
    {
        case Welcome welcome:
            me = welcome.Player;
            Console.WriteLine($"player {me} joined room {match.RoomId}");
            break;
        case Refused refused:
            Console.Error.WriteLine($"player {me}: adding {refused.Amount} was refused: {refused.Reason}");
            return 1;
        case Total { Winner: not 0 } total:
            Console.WriteLine(total.Winner == me ? $"player {me}: I won at {total.Value}" : $"player {me}: player {total.Winner} won");
            await client.CloseAsync();
            return 0;
        case Total total when total.Turn == me && me != 0:
            // Leave the total on a multiple of 4 below the target whenever possible: the other player cannot win then.
            var amount = (RaceRoom.Target - total.Value) % 4 is var best and > 0 ? best : 1;
            Console.WriteLine($"player {me}: {total.Value} + {amount}");
            client.Send(new Add(amount));
            break;
    }
}

return 1;

/// <summary>What the backend's match endpoint answers.</summary>
internal sealed record MatchResponse(string RoomId, string Url);
