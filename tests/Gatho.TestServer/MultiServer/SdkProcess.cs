using Gatho.Drivers.Model;
using Gatho.Sdk;

namespace Gatho.TestServer.MultiServer;

/// <summary>
/// A backend with only the SDK, over the networked store, driven line by line on stdin; one answer line per command,
/// <c>OK …</c> or <c>ERR &lt;error type&gt; &lt;message&gt;</c>:
/// <c>create</c> → <c>OK &lt;room&gt; &lt;server&gt;</c> (least-loaded placement of an echo room);
/// <c>join &lt;room&gt;</c> → <c>OK &lt;seat url&gt;</c>;
/// <c>rooms</c> → <c>OK &lt;room&gt;@&lt;server&gt;@&lt;status&gt;…</c>;
/// <c>servers</c> → <c>OK &lt;server&gt;@&lt;room count&gt;@&lt;types&gt;…</c> (live servers);
/// <c>server &lt;id&gt;</c> → <c>OK present</c> or <c>OK absent</c> (stale or not).
/// </summary>
internal static class SdkProcess
{
    public static async Task<int> RunAsync()
    {
        await using var driver = StoreDrivers.Create();
        var sdk = new GathoSdk(driver);
        Console.WriteLine("READY");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            string answer;
            try
            {
                answer = "OK " + await ExecuteAsync(sdk, driver, line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            catch (Exception e)
            {
                answer = $"ERR {e.GetType().Name} {e.Message.ReplaceLineEndings(" ")}";
            }

            Console.WriteLine(answer);
        }

        return 0;
    }

    private static async Task<string> ExecuteAsync(GathoSdk sdk, Gatho.Drivers.IDriver driver, string[] command) => command switch
    {
        ["create"] => await CreateAsync(sdk),
        ["join", var roomId] => (await sdk.JoinAsync(roomId)).Url,
        ["rooms"] => string.Join(' ', (await sdk.GetRoomsAsync()).Select(room => $"{room.RoomId}@{room.ServerId}@{(room.Status == RoomStatus.Running ? "running" : "requested")}")),
        ["servers"] => string.Join(' ', (await sdk.GetServersAsync()).Select(server => $"{server.ServerId}@{server.Rooms.Count}@{string.Join(',', server.RoomTypes)}")),
        ["server", var serverId] => await driver.GetServerAsync(serverId) is null ? "absent" : "present",
        _ => throw new ArgumentException($"unknown command \"{string.Join(' ', command)}\""),
    };

    private static async Task<string> CreateAsync(GathoSdk sdk)
    {
        var room = await sdk.CreateRoomOnLeastLoadedServerAsync("echo", timeout: TimeSpan.FromSeconds(20));
        return $"{room.RoomId} {room.ServerId}";
    }
}
