using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Ha.Parts;

/// <summary>
/// One command for the whole shape: a private redis-server (temp dir, free port, nothing saved), two servers, the API
/// and the front door, each this program in its own process; stops every one by its pid on Ctrl+C or SIGTERM.
/// </summary>
internal static partial class Orchestrator
{
    private const int Servers = 2;

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var front = int.Parse(options.GetValueOrDefault("port", "8090"), System.Globalization.CultureInfo.InvariantCulture);
        front = front == 0 ? FreePort() : front;
        var children = new List<Process>();
        var directory = Directory.CreateTempSubdirectory("gatho-ha-");
        try
        {
            var redisPort = FreePort();
            var redis = Start(RedisServer(), ["--port", $"{redisPort}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.FullName], children);
            await WaitForLineAsync(redis, ReadyToAccept(), "redis-server");
            var redisAddress = $"127.0.0.1:{redisPort}";
            var servers = Enumerable.Range(0, Servers).Select(_ => Self(["server", "--redis", redisAddress, "--front", $"{front}"], children)).ToList();
            var api = Self(["api", "--redis", redisAddress], children);
            var apiUrl = (await WaitForLineAsync(api, ApiListening(), "api")).Groups[1].Value;
            var door = Self(["frontdoor", "--port", $"{front}", "--api", apiUrl, "--redis", redisAddress], children);
            foreach (var server in servers)
            {
                await WaitForLineAsync(server, ServerListening(), "server");
            }

            await WaitForLineAsync(door, FrontDoorListening(), "front door");
            Console.WriteLine($"Ha is running: open http://127.0.0.1:{front}/ (redis-server on {redisAddress}, {Servers} servers, API at {apiUrl}; Ctrl+C stops all)");
            var exited = Task.WhenAny(children.Select(c => c.WaitForExitAsync()));
            await Task.WhenAny(Signals.WaitForStopAsync(), exited);
            return exited.IsCompleted ? 1 : 0;
        }
        finally
        {
            // Every part at once (a server drains its rooms before it exits), redis-server last: servers unregister
            // from the store as they stop.
            Stop(children.Skip(1).ToList());
            Stop(children.Take(1).ToList());

            directory.Delete(recursive: true);
        }
    }

    private static string RedisServer() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException("redis-server is not installed (apt-get install redis-server)");

    private static Process Self(string[] args, List<Process> children)
    {
        var self = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? Start(self, [typeof(Orchestrator).Assembly.Location, .. args], children)
            : Start(self, args, children);
    }

    private static Process Start(string file, string[] args, List<Process> children)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        children.Add(process);
        return process;
    }

    private static async Task<Match> WaitForLineAsync(Process process, Regex pattern, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (pattern.Match(line) is { Success: true } match)
            {
                // Keep draining its output so the child never blocks on a full pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                return match;
            }
        }

        throw new InvalidOperationException($"{what} (pid {process.Id}) exited before it was ready");
    }

    private static void Stop(List<Process> processes)
    {
        var running = processes.Where(p => !p.HasExited).ToList();
        foreach (var process in running)
        {
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
        }

        var clock = Stopwatch.StartNew();
        foreach (var process in running)
        {
            var left = TimeSpan.FromSeconds(15) - clock.Elapsed;
            if (!process.WaitForExit(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                process.Kill();
                process.WaitForExit();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("Ready to accept connections")]
    private static partial Regex ReadyToAccept();

    [GeneratedRegex(@"api listening on (\S+)")]
    private static partial Regex ApiListening();

    [GeneratedRegex("^server .* listening on")]
    private static partial Regex ServerListening();

    [GeneratedRegex("front door listening on")]
    private static partial Regex FrontDoorListening();
}
