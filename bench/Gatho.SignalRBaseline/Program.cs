using Gatho.SignalRBaseline;

// The SignalR baseline the load tool compares rooms with: one hub at /hub over WebSockets with the MessagePack hub
// protocol (binary, as a Gatho frame is), listening on loopback. Prints "listening <url>" once it accepts connections,
// which is how the load tool learns the port it got.
//   dotnet bench/Gatho.SignalRBaseline/bin/Release/net10.0/Gatho.SignalRBaseline.dll [--port N]
var port = 0;
for (var i = 0; i + 1 < args.Length; i++)
{
    if (args[i] == "--port")
    {
        port = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

await using var hub = await BaselineHost.StartAsync(port);
Console.WriteLine($"listening {hub.Url}");
Console.Out.Flush();
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();

// The load tool stops the baseline by closing its standard input (or by SIGTERM).
_ = Task.Run(async () =>
{
    await Console.In.ReadToEndAsync();
    stop.TrySetResult();
});
await stop.Task;
