using System.Diagnostics;
using System.Globalization;
using Gatho.Drivers.Memory;
using Gatho.Sdk;
using Gatho.Server;
using Gatho.Server.Runners;

namespace Gatho.Benchmarks;

/// <summary>
/// The whole create path as a backend sees it: a memory driver, a server with the subprocess runner
/// (<c>tests/Gatho.TestRoom</c>) and the SDK in this process. Creates rooms one after another and times each
/// <c>CreateRoomAsync</c> from the call to its return (the room's process spawned, listening, recorded running), then
/// reads each room process's resident memory after it has idled for 3 s.
/// </summary>
internal static class CreateRooms
{
    public static async Task<int> RunAsync(int count)
    {
        var socketDirectory = Directory.CreateTempSubdirectory("gatho-bench-").FullName;
        await using var driver = new MemoryDriver();
        var options = new GathoServerOptions
        {
            Driver = driver,
            Host = "127.0.0.1",
            Port = 0,
            SocketDirectory = socketDirectory,
        };
        options.Rooms["echo"] = Subprocess.Dotnet(RoomStartup.TestRoomPath(), new[] { "echo" }, new SubprocessOptions
        {
            Environment = _ => new Dictionary<string, string> { ["GATHO_LOG_LEVEL"] = "warn" },
        });
        var server = await GathoServer.StartAsync(options);
        var sdk = new GathoSdk(driver);
        try
        {
            var availableBefore = ProcessMemory.AvailableKb();
            var latencyMs = new List<double>();
            var roomIds = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var clock = Stopwatch.StartNew();
                var room = await sdk.CreateRoomAsync("echo", server.ServerId);
                latencyMs.Add(clock.Elapsed.TotalMilliseconds);
                roomIds.Add(room.RoomId);
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            var memory = RoomProcessIds(roomIds).Select(ProcessMemory.Read).ToList();
            var perRoomKb = (availableBefore - ProcessMemory.AvailableKb()) / (double)count;

            Console.WriteLine($"create-room (SDK call → running, subprocess runner, JIT room) over {count} rooms created one after another: " +
                $"p50 {RoomStartup.Percentile(latencyMs, 50):F0} ms, p95 {RoomStartup.Percentile(latencyMs, 95):F0} ms, " +
                $"min {latencyMs.Min():F0} ms, max {latencyMs.Max():F0} ms (first {latencyMs[0]:F0} ms)");
            Console.WriteLine($"idle memory of a room process after 3 s ({memory.Count} processes): {ProcessMemory.Summary(memory)}");
            Console.WriteLine($"machine's MemAvailable fell by {perRoomKb / 1024:F1} MiB per room (includes the server's own growth)");
            return 0;
        }
        finally
        {
            await server.StopAsync();
            Directory.Delete(socketDirectory, recursive: true);
        }
    }

    /// <summary>This process's children that run the given rooms (recognised by their <c>GATHO_ROOM_ID</c>).</summary>
    private static List<int> RoomProcessIds(IReadOnlyCollection<string> roomIds)
    {
        var wanted = roomIds.Select(id => "GATHO_ROOM_ID=" + id).ToHashSet(StringComparer.Ordinal);
        var pids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == Environment.ProcessId && File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Any(wanted.Contains))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
        }

        return pids;
    }
}
