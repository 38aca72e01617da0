using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Protocol.Notify;
using Gatho.Protocol.SeatTokens;
using Gatho.Protocol.Urls;
using Gatho.Room.Tests.Support;
using Xunit.Abstractions;

namespace Gatho.Room.Tests.Abuse;

/// <summary>Runs alone: it loads the machine, and other tests' generous timeouts should not have to absorb it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AbuseCollection
{
    public const string Name = "abuse";
}

// Issue 17 build item 6: a real room process under fuzz and abuse while a well-behaved client counts its messages.
// Bounded by frame count (GATHO_ABUSE_FRAMES, default 1,000,000), not by a clock; figures go to the test output and
// docs/limits.md.
[Collection(AbuseCollection.Name)]
public sealed class AbuseSuiteTests
{
    private const int FuzzWorkers = 12;
    private const int IdleConnections = 2000;
    private const int EchoChunk = 16 * 1024;

    // The two never-reading clients share one oracle connection: one question and answer at a time.
    private static readonly SemaphoreSlim OracleGate = new(1, 1);

    private readonly ITestOutputHelper output;

    public AbuseSuiteTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private static long TargetFrames =>
        long.TryParse(Environment.GetEnvironmentVariable("GATHO_ABUSE_FRAMES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1_000_000;

    [Fact]
    public async Task A_room_under_fuzz_and_abuse_keeps_serving_a_well_behaved_client_and_evicts_those_that_never_read()
    {
        await using var notify = new FakeNotifyServer();
        using var room = TestRoomProcess.Start(new Dictionary<string, string>
        {
            ["GATHO_ROOM_ID"] = "room-1",
            ["GATHO_ROOM_TYPE"] = "abuse",
            ["GATHO_SERVER_ID"] = "server-1",
            ["GATHO_ROOM_SECRET"] = TestRooms.Secret,
            ["GATHO_NOTIFY_SOCKET"] = notify.Target,
            ["GATHO_ROOM_HOST"] = "127.0.0.1",
            ["GATHO_LOG_LEVEL"] = "error",
        }, mode: "abuse");
        var port = (await notify.NextAsync<ReadyNotify>()).Port;
        var total = Stopwatch.StartNew();

        await using var good = await WellBehavedClient.ConnectAsync(Seat(port, "good"));
        await using var oracle = await WireClient.ConnectAsync(Seat(port, "oracle"));
        await oracle.SessionAsync();

        var rssBefore = Rss(room.Process);
        var before = await good.PingAsync(200);

        using var abuseOver = new CancellationTokenSource();
        var peakRss = rssBefore;
        var sampler = Task.Run(async () =>
        {
            while (!abuseOver.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, Rss(room.Process));
                await Task.Delay(200);
            }
        });

        var pinging = good.PingUntilAsync(abuseOver.Token);
        var idle = HoldIdleConnectionsAsync(port, abuseOver.Token);
        using var floodOver = new CancellationTokenSource();
        var flood = FloodAsync(port, floodOver.Token);
        var fuzz = await FuzzAsync(port);
        floodOver.Cancel();

        // The never-readers come after the fuzz (the good client still pinging): under the fuzz's load the room drains
        // them so slowly that whether the budget is crossed before they start reading depends on the machine.
        var v1Reader = NeverReadAsync(port, version: 1, oracle);
        var v2Reader = NeverReadAsync(port, version: 2, oracle);
        var (v1Code, v1Reason, v1Sent) = await v1Reader;
        var (v2Code, v2Reason, v2Sent) = await v2Reader;
        var rssDuring = peakRss;
        abuseOver.Cancel();
        var during = await pinging;
        var floodFrames = await flood;
        var idleClosedByRoom = await idle;
        await sampler;
        var rssAfter = Rss(room.Process);

        output.WriteLine($"fuzz: {fuzz.Frames:N0} frames tried over {fuzz.Connections:N0} connections ({fuzz.Hostile:N0} ended by a hostile frame, {fuzz.Refused:N0} upgrades refused) in {fuzz.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"room crashes: {(room.Process.HasExited ? 1 : 0)}");
        output.WriteLine($"well-behaved client: {before.Sent + during.Sent:N0} messages sent, {before.Lost + during.Lost} lost; p99 latency {before.P99.TotalMilliseconds:F1} ms before, {during.P99.TotalMilliseconds:F1} ms during the abuse (p50 {before.P50.TotalMilliseconds:F1} / {during.P50.TotalMilliseconds:F1} ms)");
        output.WriteLine($"idle connections that never upgrade: {IdleConnections:N0} opened, {idleClosedByRoom:N0} let go by the room (HandshakeTimeout)");
        output.WriteLine($"flood client: {floodFrames:N0} frames written");
        output.WriteLine($"never-reading v1 client: closed {v1Code} \"{v1Reason}\" after {v1Sent:N0} × 16 KiB; v2 (acking unread frames): closed {v2Code} \"{v2Reason}\" after {v2Sent:N0} × 16 KiB");
        output.WriteLine($"room RSS: {Mib(rssBefore)} before, {Mib(rssDuring)} peak during, {Mib(rssAfter)} after");
        output.WriteLine($"total {total.Elapsed.TotalSeconds:F1} s");

        Assert.False(room.Process.HasExited, "the room process crashed");
        Assert.True(fuzz.Frames >= TargetFrames, $"{fuzz.Frames} frames tried, fewer than {TargetFrames}");
        Assert.Equal(0, fuzz.Refused);
        Assert.Equal(0, before.Lost + during.Lost);
        Assert.Equal(IdleConnections, idleClosedByRoom);
        Assert.True(good.IsOpen, "the well-behaved client was disconnected");
        // Both were let go (the room said so); a close frame, when the client got as far as reading it, says why.
        Assert.True(v1Code is 0 or 4002, $"v1 never-reader closed with {v1Code} {v1Reason}");
        Assert.True(v2Code is 0 or 4002, $"v2 never-reader closed with {v2Code} {v2Reason}");
        Assert.True(rssDuring < 1024L * 1024 * 1024, $"room RSS peaked at {Mib(rssDuring)}");
    }

    private static string Seat(int port, string clientId) =>
        TestRooms.Connect(SeatUrl.Create($"ws://127.0.0.1:{port}", SeatTokenIssuer.Mint(
            new SeatClaims("room-1", clientId, DateTimeOffset.UtcNow.AddMinutes(10), Guid.NewGuid().ToString("N")), TestRooms.Secret)), 2);

    private static string SeatPath(int port, string clientId, int version) => new Uri(TestRooms.Connect(SeatUrl.Create($"ws://127.0.0.1:{port}", SeatTokenIssuer.Mint(
        new SeatClaims("room-1", clientId, DateTimeOffset.UtcNow.AddMinutes(10), Guid.NewGuid().ToString("N")), TestRooms.Secret)), version)).PathAndQuery;

    private static long Rss(Process process)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F0} MiB";

    private static async Task<FuzzFigures> FuzzAsync(int port)
    {
        var frames = 0L;
        var connections = 0L;
        var hostile = 0L;
        var refused = 0L;
        var clock = Stopwatch.StartNew();
        var target = TargetFrames;
        await Task.WhenAll(Enumerable.Range(0, FuzzWorkers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker + 17);
            var batch = new List<byte>(64 * 1024);
            var id = 0;
            while (Interlocked.Read(ref frames) < target)
            {
                var version = random.Next(2) + 1;
                RawWebSocket socket;
                try
                {
                    socket = await RawWebSocket.ConnectAsync(port, SeatPath(port, $"fuzz-{worker}-{id++}", version), random);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                    continue;
                }

                Interlocked.Increment(ref connections);
                using (socket)
                {
                    var fuzzer = new FrameFuzzer(random, version);
                    var ended = false;
                    try
                    {
                        while (!ended && Interlocked.Read(ref frames) < target)
                        {
                            batch.Clear();
                            var inBatch = 0;
                            while (inBatch < 64 && !ended)
                            {
                                var (count, ends) = fuzzer.Next(socket, batch);
                                inBatch += count;
                                ended = ends;
                            }

                            await socket.Stream.WriteAsync(batch.ToArray());
                            Interlocked.Add(ref frames, inBatch);
                        }
                    }
                    catch (IOException)
                    {
                        // The room closed this connection (a mutated frame it refused): a new one.
                    }

                    if (ended)
                    {
                        Interlocked.Increment(ref hostile);
                    }
                }
            }
        })));
        return new FuzzFigures(frames, connections, hostile, refused, clock.Elapsed);
    }

    private static async Task<int> HoldIdleConnectionsAsync(int port, CancellationToken over)
    {
        var sockets = new List<TcpClient>();
        for (var i = 0; i < IdleConnections; i++)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port);
            if (i % 2 == 1)
            {
                // Half start a request and never finish it (slowloris); half say nothing at all.
                await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /?gv=2 HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            }

            sockets.Add(tcp);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, over);
        }
        catch (OperationCanceledException)
        {
        }

        // Every one must be let go by the room within HandshakeTimeout (10 s in the abuse room) of opening: wait for
        // each socket's end (a read of 0 bytes, or the 408 Kestrel answers a slow request with), bounded as an upper
        // limit well past that.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var closed = 0;
        var buffer = new byte[1024];
        foreach (var tcp in sockets)
        {
            try
            {
                // 0 bytes: closed; some: Kestrel's 408 for the half that started a request (it closes right after).
                var read = await tcp.GetStream().ReadAsync(buffer, patience.Token);
                closed += read >= 0 ? 1 : 0;
            }
            catch (IOException)
            {
                closed++;
            }
            catch (OperationCanceledException)
            {
            }

            tcp.Dispose();
        }

        return closed;
    }

    private static async Task<long> FloodAsync(int port, CancellationToken over)
    {
        using var socket = await RawWebSocket.ConnectAsync(port, SeatPath(port, "flood", 2));
        var batch = new List<byte>();
        for (var i = 0; i < 256; i++)
        {
            batch.AddRange(socket.Encode(FrameCodec.EncodeText(FrameType.Text, "flood " + i)));
        }

        var bytes = batch.ToArray();
        var written = 0L;
        try
        {
            while (!over.IsCancellationRequested)
            {
                await socket.Stream.WriteAsync(bytes, over);
                written += 256;
            }
        }
        catch (OperationCanceledException)
        {
        }

        return written;
    }

    /// <summary>
    /// Reads its session, then asks for 16 KiB echoes and never reads them (v2 also acknowledges what the room says it
    /// sent, without reading it, so only the outbound byte budget can stop it). Once the room says it is gone, reads
    /// what the network still holds up to the room's close frame and returns it.
    /// </summary>
    private static async Task<(int Code, string Reason, int Sent)> NeverReadAsync(int port, int version, WireClient oracle)
    {
        using var socket = await RawWebSocket.ConnectAsync(port, SeatPath(port, "never-reads-v" + version, version), receiveBuffer: 4096);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (_, session) = await socket.ReadFrameAsync(timeout.Token);
        var clientId = ((SessionMessage)ProtocolMessageCodec.Decode(session.AsSpan(1))).ClientId;

        var request = new byte[EchoChunk];
        request[0] = (byte)FrameType.Binary;
        request[1] = (byte)'E';

        // 4,000 × 16 KiB of echoes asked for and none read: far over the kernel's socket buffers (both directions) plus
        // the room's 4 MiB budget.
        var sent = 0;
        try
        {
            for (; sent < 4000; sent++)
            {
                await socket.SendAsync(request, cancellationToken: timeout.Token);
                if (version == 2 && sent % 32 == 31)
                {
                    var answer = await AskOracleAsync(oracle, clientId, timeout.Token);
                    if (answer == "gone")
                    {
                        break;
                    }

                    await socket.SendAsync(ProtocolMessageCodec.EncodeFrame(new AckMessage(uint.Parse(answer, CultureInfo.InvariantCulture))), cancellationToken: timeout.Token);
                }
            }
        }
        catch (IOException)
        {
            // The room already ended the connection.
        }

        (int Code, string Reason) close;
        try
        {
            close = await socket.ReadUntilCloseAsync(timeout.Token);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException)
        {
            // The connection ended before this client read as far as the close frame (the room's close deadline).
            close = (0, "connection ended before the close frame was read");
        }

        // Whatever the socket showed, the room must have let the client go: ask it (never sleeping).
        while (await AskOracleAsync(oracle, clientId, timeout.Token) != "gone")
        {
        }

        return (close.Code, close.Reason, sent);
    }

    private static async Task<string> AskOracleAsync(WireClient oracle, string clientId, CancellationToken cancellationToken)
    {
        await OracleGate.WaitAsync(cancellationToken);
        try
        {
            await oracle.SendTextAsync("sent?" + clientId);
            return await oracle.TextAsync();
        }
        finally
        {
            OracleGate.Release();
        }
    }

    private sealed record FuzzFigures(long Frames, long Connections, long Hostile, long Refused, TimeSpan Elapsed);
}
