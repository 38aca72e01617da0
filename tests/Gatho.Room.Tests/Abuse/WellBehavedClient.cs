using System.Diagnostics;
using System.Globalization;
using Gatho.Protocol.Messages;

namespace Gatho.Room.Tests.Abuse;

/// <summary>
/// The client the abuse must not hurt: a v2 socket that sends numbered pings at a steady pace, reads every echo,
/// acknowledges what it read, and measures round trips.
/// </summary>
internal sealed class WellBehavedClient : IAsyncDisposable
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(5);

    private readonly WireClient socket;
    private int next;
    private uint received;

    private WellBehavedClient(WireClient socket)
    {
        this.socket = socket;
    }

    public bool IsOpen => socket.State == System.Net.WebSockets.WebSocketState.Open;

    public static async Task<WellBehavedClient> ConnectAsync(string url)
    {
        var socket = await WireClient.ConnectAsync(url);
        await socket.SessionAsync();
        return new WellBehavedClient(socket);
    }

    /// <summary>Sends <paramref name="count"/> pings and waits for every echo.</summary>
    public Task<PingFigures> PingAsync(int count) => RunAsync(sent => sent < count, CancellationToken.None);

    /// <summary>Pings until <paramref name="stop"/>, then waits for every echo.</summary>
    public Task<PingFigures> PingUntilAsync(CancellationToken stop) => RunAsync(_ => !stop.IsCancellationRequested, stop);

    public ValueTask DisposeAsync() => socket.DisposeAsync();

    private async Task<PingFigures> RunAsync(Func<int, bool> more, CancellationToken stop)
    {
        var sentAt = new Dictionary<int, long>();
        var latencies = new List<TimeSpan>();
        var reader = Task.Run(async () =>
        {
            // Echoes come back in order; the writer's last message is a sentinel, so its echo means every ping is back.
            while (true)
            {
                var text = await socket.TextAsync();
                var stamp = Stopwatch.GetTimestamp();
                if (text == "ping:end")
                {
                    return;
                }

                var number = int.Parse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture);
                lock (sentAt)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sentAt[number], stamp));
                }

                if (++received % 50 == 0)
                {
                    await socket.SendProtocolAsync(new AckMessage(received));
                }
            }
        });

        var sent = 0;
        while (more(sent))
        {
            lock (sentAt)
            {
                sentAt[next] = Stopwatch.GetTimestamp();
            }

            await socket.SendTextAsync("ping:" + next.ToString(CultureInfo.InvariantCulture));
            next++;
            sent++;
            try
            {
                await Task.Delay(Pace, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await socket.SendTextAsync("ping:end");
        await reader;
        received++;
        latencies.Sort();
        return new PingFigures(sent, sent - latencies.Count, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>What the well-behaved client measured in one phase.</summary>
internal sealed record PingFigures(int Sent, int Lost, TimeSpan P50, TimeSpan P99);
