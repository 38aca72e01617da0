using Gatho;
using Gatho.Room;

// The load tool's reference room (tools/Gatho.LoadTest's echo, fan-out, idle and churn scenarios):
//   a binary message whose first byte is 'B' is broadcast to every client (the sender included); any other message is
//   sent back to its sender with the same delivery. A dropped client's seat is held for 30 s (churn cuts resume).
// Managed (spawned by a server, GATHO_* variables):  dotnet Gatho.LoadRoom.dll
// Standalone (any connection accepted):              dotnet Gatho.LoadRoom.dll --standalone [--port N]
//   prints "listening ws://127.0.0.1:N/" and runs until its standard input closes or it gets SIGTERM.
// The connection limits are raised so 10,000 idle clients fit in one room; every other bound keeps its default.
var standalone = args.Contains("--standalone");
var portIndex = Array.IndexOf(args, "--port");
var options = new RoomOptions
{
    Standalone = standalone,
    Port = portIndex >= 0 ? int.Parse(args[portIndex + 1], System.Globalization.CultureInfo.InvariantCulture) : null,
    MaxConnections = 20_000,
    MaxUnadmittedConnections = 1024,
    MaxHandshakingConnections = 20_000,
    StopOnProcessSignals = true,
};
var callbacks = new RoomCallbacks
{
    OnMessage = static (room, client, message) =>
    {
        if (!message.IsText && message.Data.Length > 0 && message.Data.Span[0] == (byte)'B')
        {
            room.Broadcast(message.Data.Span, message.IsReliable);
        }
        else
        {
            client.Send(message);
        }
    },
    OnDrop = static (room, client, code) => client.AllowReconnection(TimeSpan.FromSeconds(30)),
};

if (!standalone)
{
    await GathoRoom.RunAsync(options, callbacks);
    return 0;
}

await using var host = await RoomHost.StartAsync(options, callbacks);
Console.WriteLine($"listening {host.Url}");
Console.Out.Flush();
var input = Task.Run(() => Console.In.ReadToEndAsync());
await Task.WhenAny(input, host.Stopped);
return 0;
