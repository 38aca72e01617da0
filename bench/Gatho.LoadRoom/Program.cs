using Gatho.LoadRoom;
using Gatho.Room;

// The load tool's reference room (tools/Gatho.LoadTest's echo, fan-out, idle and churn scenarios; behaviour in
// LoadRoomBehavior).
// Managed (spawned by a server, GATHO_* variables):  dotnet Gatho.LoadRoom.dll
// Standalone (any connection accepted):              dotnet Gatho.LoadRoom.dll --standalone [--port N]
//   prints "listening ws://127.0.0.1:N/" and runs until its standard input closes or it gets SIGTERM.
var standalone = args.Contains("--standalone");
var portIndex = Array.IndexOf(args, "--port");
var options = LoadRoomBehavior.Options(standalone, portIndex >= 0 ? int.Parse(args[portIndex + 1], System.Globalization.CultureInfo.InvariantCulture) : null);
if (!standalone)
{
    await GathoRoom.RunAsync(options, LoadRoomBehavior.Callbacks);
    return 0;
}

await using var host = await RoomHost.StartAsync(options, LoadRoomBehavior.Callbacks);
Console.WriteLine($"listening {host.Url}");
Console.Out.Flush();
var input = Task.Run(() => Console.In.ReadToEndAsync());
await Task.WhenAny(input, host.Stopped);
return 0;
