using System.Globalization;
using Gatho.Drivers.Memory;
using Gatho.Sdk;
using Gatho.Server;
using Gatho.Server.Runners;

// Multi-process modes (MultiServer/): "server" runs only a server, "sdk" runs only an SDK, both over the networked
// store named in the environment (StoreDrivers).
switch (args)
{
    case ["server", var roomAssembly, var socketDir]:
        return await Gatho.TestServer.MultiServer.ServerProcess.RunAsync(roomAssembly, socketDir);
    case ["sdk"]:
        return await Gatho.TestServer.MultiServer.SdkProcess.RunAsync();
}

// Usage: Gatho.TestServer <Gatho.TestRoom.dll> <socket directory> <room count>
// Starts a memory driver, a server on 127.0.0.1 and an SDK in this process, creates <room count> echo rooms (each a
// child process running Gatho.TestRoom), prints "ROOM <roomId> <pid>" for each and then "READY", and runs until it is
// killed. Tests SIGKILL it to show that its rooms do not outlive it.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Gatho.TestServer <Gatho.TestRoom.dll> <socket directory> <room count>");
    return 2;
}

var testRoom = args[0];
var socketDirectory = args[1];
var count = int.Parse(args[2], CultureInfo.InvariantCulture);

await using var driver = new MemoryDriver();
var options = new GathoServerOptions
{
    Driver = driver,
    Host = "127.0.0.1",
    Port = 0,
    SocketDirectory = socketDirectory,
};
options.Rooms["echo"] = Subprocess.Dotnet(testRoom, new[] { "echo" }, new SubprocessOptions
{
    Environment = _ => new Dictionary<string, string> { ["GATHO_LOG_LEVEL"] = "error" },
});
await using var server = await GathoServer.StartAsync(options);
var sdk = new GathoSdk(driver);

var roomIds = new List<string>();
for (var i = 0; i < count; i++)
{
    roomIds.Add((await sdk.CreateRoomAsync("echo", server.ServerId)).RoomId);
}

foreach (var roomId in roomIds)
{
    Console.WriteLine($"ROOM {roomId} {ChildRunning(roomId)}");
}

Console.WriteLine("READY");
await Task.Delay(Timeout.Infinite);
return 0;

// The child of this process whose environment names the room (its stat line says who its parent is).
static int ChildRunning(string roomId)
{
    var self = Environment.ProcessId;
    foreach (var directory in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            continue;
        }

        try
        {
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == self
                && File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains("GATHO_ROOM_ID=" + roomId))
            {
                return pid;
            }
        }
        catch (IOException)
        {
            // Gone while we looked.
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours.
        }
    }

    throw new InvalidOperationException($"no child process runs room {roomId}");
}
