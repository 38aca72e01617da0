using System.Diagnostics;
using Gatho.Drivers.Memory;
using Gatho.Room;
using Gatho.Sdk;
using Gatho.Server;
using Gatho.Server.Runners;
using Microsoft.Extensions.Logging;
using MyGame;

// The room process: the server starts this program again with "room" and the GATHO_* variables.
if (args is ["room"])
{
    await GathoRoom.RunAsync(new RaceRoom());
    return 0;
}

// `MyGame.Server serve` keeps running for clients you start yourself (`dotnet run --project MyGame.Client --
// http://127.0.0.1:5080`); without arguments it plays one round with two console clients and exits.
var serve = args is ["serve"];
using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));

// The server: the in-memory driver (one process; Redis or PostgreSQL drivers for several), each room a child process.
await using var driver = new MemoryDriver();
var self = Environment.ProcessPath!;
var quiet = new SubprocessOptions { Environment = _ => new Dictionary<string, string> { ["GATHO_LOG_LEVEL"] = "warn" } };
var rooms = Path.GetFileNameWithoutExtension(self) == "dotnet"
    ? Subprocess.Dotnet(typeof(Backend).Assembly.Location, new[] { "room" }, quiet)
    : new Subprocess(self, new[] { "room" }, quiet);
var server = await GathoServer.StartAsync(new GathoServerOptions
{
    Driver = driver, Host = "127.0.0.1", Port = 0, LoggerFactory = logging,
    Rooms = { [RaceRoom.RoomType] = rooms },
});

try
{
    await using var backend = await Backend.StartAsync(new GathoSdk(driver), serve ? "http://127.0.0.1:5080" : "http://127.0.0.1:0");
    var backendUrl = backend.Urls.First();
    Console.WriteLine($"server {server.ServerId} on {server.Endpoint}, backend on {backendUrl}");
    if (serve)
    {
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        await stop.Task;
        return 0;
    }

    // One round: two console clients ask the backend for a match, land in the same room and play it to the end.
    var players = new[] { StartClient(backendUrl), StartClient(backendUrl) };
    await Task.WhenAll(players.Select(p => p.WaitForExitAsync()));
    var ok = players.All(p => p.ExitCode == 0);
    Console.WriteLine(ok ? "round over" : "a client failed");
    return ok ? 0 : 1;
}
finally
{
    await server.StopAsync();
}

// The client is built beside this program (MyGame.Server.csproj references it); run it with the same dotnet host.
static Process StartClient(string backendUrl)
{
    var client = Path.Combine(AppContext.BaseDirectory, "MyGame.Client.dll");
    var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { UseShellExecute = false };
    info.ArgumentList.Add(client);
    info.ArgumentList.Add(backendUrl);
    return Process.Start(info) ?? throw new InvalidOperationException($"could not start {client}");
}
