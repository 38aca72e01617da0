using Gatho.Drivers.Redis;
using Gatho.Server;
using Gatho.Server.Runners;
using Microsoft.Extensions.Logging;

namespace Ha.Parts;

/// <summary>One Gatho server over Redis. Its rooms publish front-door URLs (<c>ws://front/room/&lt;port&gt;/</c>), as Caddy's do in gatho's example.</summary>
internal static class RoomServer
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var front = options.Required("front");
        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        await using var driver = new RedisDriver(options.Required("redis"));
        var server = await GathoServer.StartAsync(new GathoServerOptions
        {
            Driver = driver,
            Host = "127.0.0.1",
            Port = 0,
            LoggerFactory = logging,
            RoomEndpoint = room => $"ws://127.0.0.1:{front}/room/{room.Port}/",
            Rooms = { [PingRoom.RoomType] = new InProcessRunner(context => PingRoom.Create(context.ServerId), logging) },
        });
        Console.WriteLine($"server {server.ServerId} listening on {server.Endpoint}");
        await Signals.WaitForStopAsync();
        await server.StopAsync();
        return 0;
    }
}
