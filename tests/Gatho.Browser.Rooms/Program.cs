using Gatho.Browser.Rooms;
using Gatho.Protocol.SeatTokens;
using Gatho.Protocol.Urls;
using Gatho.Room;
using Microsoft.Extensions.Logging;
using TypedEcho;

// Protocol on stdio, one line each:
//   out  ready {"echo":"ws://127.0.0.1:p/","typed":"ws://127.0.0.1:q/"}   once both rooms listen
//   in   seat <echo|typed> <clientId> [ttlSeconds] [<via ws:// url>]      out  seat <url>   (a fresh single-use seat)
//   out  event <join|drop|reconnect|leave>:<clientId>…                    callbacks of the echo room
// End of stdin stops the rooms and exits.
const string Secret = "browser-tests-secret-0123456789abcdef01234";
using var logging = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
var output = new object();
void WriteLine(string line)
{
    lock (output)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}

RoomOptions Options(string roomId) => new()
{
    RoomId = roomId,
    RoomType = roomId,
    ServerId = "browser-tests",
    RoomSecret = Secret,
    Host = "127.0.0.1",
    Port = 0,
    StopOnProcessSignals = true,
    LoggerFactory = logging,
    Environment = new Dictionary<string, string?>(),
};

await using var echo = await RoomHost.StartAsync(Options("echo"), CountingEchoRoom.Create(e => WriteLine("event " + e)));
await using var typed = await RoomHost.StartAsync(Options("typed"), new TypedEchoRoom());
var rooms = new Dictionary<string, RoomHost>(StringComparer.Ordinal) { ["echo"] = echo, ["typed"] = typed };
WriteLine($"ready {{\"echo\":\"{echo.Url}\",\"typed\":\"{typed.Url}\"}}");

while (await Console.In.ReadLineAsync() is { } line)
{
    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    if (parts is ["seat", var roomId, var clientId, ..] && rooms.TryGetValue(roomId, out var room))
    {
        var ttl = parts.Length > 3 ? int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture) : 300;
        var claims = new SeatClaims(roomId, clientId, DateTimeOffset.UtcNow.AddSeconds(ttl), Guid.NewGuid().ToString("N"));
        WriteLine("seat " + SeatUrl.Create(parts.Length > 4 ? parts[4] : room.Url, SeatTokenIssuer.Mint(claims, Secret)));
    }
    else
    {
        WriteLine($"error unknown command: {line}");
    }
}
