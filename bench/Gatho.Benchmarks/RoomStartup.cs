using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Gatho.Protocol.Notify;

namespace Gatho.Benchmarks;

/// <summary>
/// Spawns the test room process (JIT, Release or Debug as built) the way a server does, and measures the time from
/// spawn to its <c>ready</c> notify message (it is listening) and its resident memory after it has idled for 3 s.
/// </summary>
internal static class RoomStartup
{
    public static async Task<int> RunAsync(int runs)
    {
        var room = TestRoomPath();
        var readyMs = new List<double>();
        var memory = new List<ProcessMemory>();
        for (var run = 0; run < runs; run++)
        {
            var dir = Directory.CreateTempSubdirectory("gatho-bench-").FullName;
            var socketPath = Path.Combine(dir, "sock");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(1);

            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(room);
            info.Environment["GATHO_ROOM_ID"] = "bench-" + run;
            info.Environment["GATHO_ROOM_TYPE"] = "echo";
            info.Environment["GATHO_SERVER_ID"] = "bench";
            info.Environment["GATHO_ROOM_SECRET"] = "bench-secret";
            info.Environment["GATHO_NOTIFY_SOCKET"] = "uds:" + socketPath;
            info.Environment["GATHO_LOG_LEVEL"] = "warn";
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var channel = await listener.AcceptAsync();
            var parser = new NotifyFrameParser();
            var buffer = new byte[4096];
            NotifyMessage? first = null;
            while (first is null)
            {
                var read = await channel.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    throw new InvalidOperationException("room closed the channel before ready");
                }

                parser.Append(buffer.AsSpan(0, read));
                if (parser.TryReadFrame(out var payload))
                {
                    first = NotifyCodec.Decode(payload.Span);
                }
            }

            readyMs.Add(clock.Elapsed.TotalMilliseconds);
            if (first is not ReadyNotify)
            {
                throw new InvalidOperationException($"first message was {first}");
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            memory.Add(ProcessMemory.Read(process.Id));
            process.Kill();
            await process.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }

        Console.WriteLine($"room process (JIT) start-to-ready over {runs} runs: p50 {Percentile(readyMs, 50):F0} ms, p95 {Percentile(readyMs, 95):F0} ms, min {readyMs.Min():F0} ms, max {readyMs.Max():F0} ms");
        Console.WriteLine($"idle memory after 3 s: {ProcessMemory.Summary(memory)}");
        return 0;
    }

    internal static double Percentile(List<double> values, int p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var index = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    internal static string TestRoomPath()
    {
        // bench/Gatho.Benchmarks/bin/<config>/<tfm>/ → tests/Gatho.TestRoom/bin/<config>/<tfm>/Gatho.TestRoom.dll
        var here = AppContext.BaseDirectory;
        var marker = Path.Combine("bench", "Gatho.Benchmarks") + Path.DirectorySeparatorChar;
        var index = here.LastIndexOf(marker, StringComparison.Ordinal);
        var path = Path.Combine(here[..index], "tests", "Gatho.TestRoom", here[(index + marker.Length)..], "Gatho.TestRoom.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("build tests/Gatho.TestRoom first", path);
    }
}
