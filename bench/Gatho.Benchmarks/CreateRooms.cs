using System.Diagnostics;
using System.Globalization;
using Gatho.Client;
using Gatho.Drivers.Memory;
using Gatho.Sdk;
using Gatho.Server;
using Gatho.Server.Runners;

namespace Gatho.Benchmarks;

/// <summary>
/// The whole create path as a backend sees it: a memory driver, a server with the subprocess runner
/// (<c>tests/Gatho.TestRoom</c>, or the room given: an assembly run with dotnet, or a native executable such as a
/// NativeAOT publish) and the SDK in this process. Creates rooms one after another and times each
/// <c>CreateRoomAsync</c> from the call to its return (the room's process spawned, listening, recorded running), and
/// on to its first client joined (a seat from the SDK, a <see cref="GathoClient"/> connected and admitted), then reads
/// each room process's resident memory and CPU time after it has idled for 3 s.
/// </summary>
internal static class CreateRooms
{
    public static async Task<int> RunAsync(int count, string? room, IReadOnlyList<string> roomArguments)
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
        var quiet = new SubprocessOptions { Environment = _ => new Dictionary<string, string> { ["GATHO_LOG_LEVEL"] = "warn" } };
        var path = room is null ? RoomStartup.TestRoomPath() : Path.GetFullPath(room);
        var arguments = room is null ? new[] { "echo" } : roomArguments;
        var managed = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        options.Rooms["echo"] = managed ? Subprocess.Dotnet(path, arguments, quiet) : new Subprocess(path, arguments, quiet);
        var kind = managed ? "JIT room" : "native room";
        var server = await GathoServer.StartAsync(options);
        var sdk = new GathoSdk(driver);
        try
        {
            var availableBefore = ProcessMemory.AvailableKb();
            var latencyMs = new List<double>();
            var joinedMs = new List<double>();
            var roomIds = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var clock = Stopwatch.StartNew();
                var created = await sdk.CreateRoomAsync("echo", server.ServerId);
                latencyMs.Add(clock.Elapsed.TotalMilliseconds);
                roomIds.Add(created.RoomId);
                var seat = await sdk.JoinAsync(created.RoomId);
                await using (var client = new GathoClient(seat.Url))
                {
                    await client.ConnectAsync();
                    joinedMs.Add(clock.Elapsed.TotalMilliseconds);
                    await client.CloseAsync();
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            var pids = RoomProcessIds(roomIds);
            var memory = pids.Select(ProcessMemory.Read).ToList();
            var cpuMs = pids.Select(CpuMilliseconds).ToList();
            var perRoomKb = (availableBefore - ProcessMemory.AvailableKb()) / (double)count;

            Console.WriteLine($"create-room (SDK call → running, subprocess runner, {kind} {Path.GetFileName(path)}) over {count} rooms created one after another: " +
                $"p50 {RoomStartup.Percentile(latencyMs, 50):F0} ms, p95 {RoomStartup.Percentile(latencyMs, 95):F0} ms, " +
                $"min {latencyMs.Min():F0} ms, max {latencyMs.Max():F0} ms (first {latencyMs[0]:F0} ms)");
            Console.WriteLine($"create-room → first client joined: p50 {RoomStartup.Percentile(joinedMs, 50):F0} ms, p95 {RoomStartup.Percentile(joinedMs, 95):F0} ms, " +
                $"min {joinedMs.Min():F0} ms, max {joinedMs.Max():F0} ms");
            Console.WriteLine($"room process CPU from its start through one join, a leave and 3 s idle ({cpuMs.Count} processes): " +
                $"p50 {RoomStartup.Percentile(cpuMs, 50):F0} ms, max {cpuMs.DefaultIfEmpty().Max():F0} ms");
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

    /// <summary>utime + stime of <paramref name="pid"/> so far, ms (clock ticks of 10 ms).</summary>
    private static double CpuMilliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
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
