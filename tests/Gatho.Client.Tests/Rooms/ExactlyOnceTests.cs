using System.Diagnostics;
using EventLog = Gatho.TestSupport.EventLog;
using Gatho.Client.Tests.Support;
using Xunit.Abstractions;

namespace Gatho.Client.Tests.Rooms;

/// <summary>
/// DESIGN D2's promise, measured: 10,000 reliable messages each way while the path is cut 100 times at random points;
/// every message must arrive exactly once and in order, in both directions. Prints the lost and duplicated counts and
/// the resume latency (cut → first message delivered after it) so docs/client.md can quote the run.
/// </summary>
public sealed class ExactlyOnceTests
{
    private const int Messages = 10_000;
    private const int Cuts = 100;
    private const int PerEpoch = Messages / Cuts;

    private readonly ITestOutputHelper output;

    public ExactlyOnceTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    [Trait("Category", "Measurement")]
    public async Task Reliable_streams_both_ways_survive_100_random_cuts_exactly_once_and_in_order()
    {
        var atRoom = new List<int>(Messages);
        var roomDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clientDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IRoomClient? roomSide = null;
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var room = await TestRoom.StartAsync(
            onJoin: (_, c) =>
            {
                roomSide = c;
                joined.TrySetResult();
            },
            onMessage: (_, _, m) =>
            {
                lock (atRoom)
                {
                    atRoom.Add(int.Parse(m.Text!.AsSpan(2)));
                    if (atRoom.Count == Messages)
                    {
                        roomDone.TrySetResult();
                    }
                }
            },
            logMessages: false);
        await using var proxy = new FaultProxy(room.Host.Port);
        var (client, probe) = TestClients.Create(room.Seat("alice", proxy.Route(room.Host.Url)));

        var atClient = new List<int>(Messages);
        var clock = Stopwatch.StartNew();
        long cutAt = -1;
        var latencies = new List<double>();
        var reconnects = 0;
        var reconnected = new SemaphoreSlim(0);
        client.MessageReceived += m =>
        {
            lock (atClient)
            {
                atClient.Add(int.Parse(m.Text!.AsSpan(2)));
                if (atClient.Count == Messages)
                {
                    clientDone.TrySetResult();
                }

                if (cutAt >= 0)
                {
                    latencies.Add((clock.Elapsed.Ticks - cutAt) / (double)TimeSpan.TicksPerMillisecond);
                    cutAt = -1;
                }
            }
        };
        client.Reconnected += () =>
        {
            Interlocked.Increment(ref reconnects);
            reconnected.Release();
        };

        await client.ConnectAsync();
        await joined.Task.WaitAsync(EventLog.Patience);
        var random = new Random(20_260_501);
        for (var epoch = 0; epoch < Cuts; epoch++)
        {
            var cutPoint = random.Next(PerEpoch);
            for (var k = 0; k < PerEpoch; k++)
            {
                var n = (epoch * PerEpoch) + k + 1;
                if (k == cutPoint)
                {
                    lock (atClient)
                    {
                        cutAt = clock.Elapsed.Ticks;
                    }

                    proxy.Cut();
                }

                client.Send("c:" + n);
                room.Room.Post(() => roomSide!.Send("r:" + n));
                if (k % 10 == 0)
                {
                    // Let both writers put frames on the wire, so every cut lands on traffic in flight.
                    await Task.Yield();
                }
            }

            Assert.True(await reconnected.WaitAsync(EventLog.Patience), $"no resume after cut {epoch + 1}; log: {string.Join(", ", probe.Lifecycle.TakeLast(10))}");
        }

        var complete = await Task.WhenAll(roomDone.Task, clientDone.Task).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => t.IsCompletedSuccessfully);
        var (roomLost, roomDuplicated, roomInOrder) = Tally(atRoom);
        var (clientLost, clientDuplicated, clientInOrder) = Tally(atClient);
        latencies.Sort();
        output.WriteLine($"cuts={Cuts} resumes={reconnects} messages each way={Messages} elapsed={clock.Elapsed.TotalSeconds:F1}s");
        output.WriteLine($"client→room: received={atRoom.Count} lost={roomLost} duplicated={roomDuplicated} in order={roomInOrder}");
        output.WriteLine($"room→client: received={atClient.Count} lost={clientLost} duplicated={clientDuplicated} in order={clientInOrder}");
        output.WriteLine($"frames the room replayed to the client: {client.ReplayedFrames}; frames the client resent: {client.ResentFrames}");
        output.WriteLine($"resume latency (cut → first message after it, {latencies.Count} samples): p50={Percentile(latencies, 0.50):F1} ms p95={Percentile(latencies, 0.95):F1} ms max={latencies.LastOrDefault():F1} ms");

        Assert.True(complete, "the streams did not complete within the time limit");
        Assert.Equal(Cuts, reconnects);

        // The cuts landed on traffic in flight: both sides had to replay, or this test would prove nothing.
        Assert.True(client.ReplayedFrames > 0 && client.ResentFrames > 0, $"replayed={client.ReplayedFrames} resent={client.ResentFrames}");
        Assert.Equal((0, 0, true), (roomLost, roomDuplicated, roomInOrder));
        Assert.Equal((0, 0, true), (clientLost, clientDuplicated, clientInOrder));
        await client.CloseAsync();
    }

    /// <summary>Lost = expected numbers never seen; duplicated = deliveries beyond the first; in order = exactly 1..N.</summary>
    private static (int Lost, int Duplicated, bool InOrder) Tally(List<int> received)
    {
        lock (received)
        {
            var distinct = received.Distinct().Count();
            var lost = Messages - received.Where(n => n is >= 1 and <= Messages).Distinct().Count();
            var inOrder = received.Count == Messages && received.Select((n, i) => n == i + 1).All(ok => ok);
            return (lost, received.Count - distinct, inOrder);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
