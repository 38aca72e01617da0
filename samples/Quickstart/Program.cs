using Gatho.Drivers.Memory;
using Gatho.Room;
using Gatho.Sdk;
using Gatho.Server;
using Gatho.Server.Runners;
using Microsoft.Extensions.Logging;
using Quickstart;

// Started by the server as a room process (it passes "room" and the GATHO_* variables).
if (args is ["room"])
{
    await CounterRoom.RunAsync();
    return 0;
}

using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));

// 1. A server with the in-memory driver, running each counter room as a child process: this program again, in room mode.
await using var driver = new MemoryDriver();
var server = await GathoServer.StartAsync(new GathoServerOptions
{
    Driver = driver,
    Host = "127.0.0.1",
    Port = 0,
    LoggerFactory = logging,
    Rooms = { [CounterRoom.RoomType] = RoomProcess() },
});
Console.WriteLine($"server {server.ServerId} listening on {server.Endpoint}");

try
{
    // 2. Your backend: find a server for the room type, create a room on it, mint a seat for a player.
    var sdk = new GathoSdk(driver);
    var servers = await sdk.GetServersAsync(new Gatho.Drivers.Model.ServerFilter { RoomTypes = new[] { CounterRoom.RoomType } });
    var room = await sdk.CreateRoomAsync(CounterRoom.RoomType, servers[0].ServerId);
    Console.WriteLine($"room {room.RoomId} running at {room.Endpoint}");
    var seat = await sdk.JoinAsync(room.RoomId, TimeSpan.FromSeconds(30));
    Console.WriteLine($"seat for client {seat.ClientId}: {seat.Url[..Math.Min(seat.Url.Length, 60)]}…");

    // 3. The typed client: connect with the seat URL, increment three times, print the count the room broadcasts.
    await using var client = new CounterClient(seat.Url);
    var reachedThree = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
    client.Count += count =>
    {
        Console.WriteLine($"count: {count.Value}");
        if (count.Value == 3)
        {
            reachedThree.TrySetResult(count.Value);
        }
    };
    await client.ConnectAsync();
    for (var i = 0; i < 3; i++)
    {
        client.Send(new Change(+1));
    }

    await reachedThree.Task.WaitAsync(TimeSpan.FromSeconds(30));
    var closed = await client.CloseAsync();
    Console.WriteLine($"client closed: {closed}");
    await sdk.DestroyRoomAsync(room.RoomId);
    return 0;
}
finally
{
    await server.StopAsync();
}

// The room runner: this same program with the "room" argument (an apphost when started by `dotnet run`).
static Subprocess RoomProcess()
{
    var self = Environment.ProcessPath!;
    return Path.GetFileNameWithoutExtension(self) == "dotnet"
        ? Subprocess.Dotnet(typeof(CounterRoom).Assembly.Location, new[] { "room" })
        : new Subprocess(self, new[] { "room" }, new SubprocessOptions { Environment = _ => new Dictionary<string, string> { ["GATHO_LOG_LEVEL"] = "warn" } });
}
