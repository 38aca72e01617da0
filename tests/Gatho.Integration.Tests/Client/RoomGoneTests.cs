using System.Diagnostics;
using Gatho.Client;
using Gatho.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Gatho.Integration.Tests.Client;

/// <summary>
/// Issue 13, item 2: a room process that dies (SIGKILL, nothing sent to its clients) leaves a port that refuses
/// connections; the .NET client, with gatho's default backoff, gives up with <see cref="CloseCause.RoomGone"/> within
/// seconds instead of spending all ten attempts (measured at 64.6 s before).
/// </summary>
public sealed class RoomGoneTests
{
    private readonly ITestOutputHelper output;

    public RoomGoneTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public async Task A_client_of_a_SIGKILLed_room_closes_with_room_gone_within_seconds()
    {
        await using var cluster = new Cluster();
        var server = await cluster.StartServerAsync();
        var room = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId);
        var process = await RoomProcesses.FindAsync(room.RoomId);
        var seat = await cluster.Sdk.JoinAsync(room.RoomId);
        await using var client = new GathoClient(seat.Url); // gatho's default reconnection policy
        var dropped = new TaskCompletionSource<ClientDrop>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new List<Exception>();
        client.Dropped += d => dropped.TrySetResult(d);
        client.Error += e =>
        {
            lock (errors)
            {
                errors.Add(e);
            }
        };
        await client.ConnectAsync();
        var echoed = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.MessageReceived += m => echoed.TrySetResult(m.Text);
        client.Send("hello");
        Assert.Equal("hello", await echoed.Task.WaitAsync(Cluster.Patience));

        var clock = Stopwatch.StartNew();
        RoomProcesses.Signal(process, RoomProcesses.SigKill);

        await dropped.Task.WaitAsync(Cluster.Patience);
        var info = await client.Completion.WaitAsync(Cluster.Patience);
        clock.Stop();
        output.WriteLine($"SIGKILL → Closed: {clock.Elapsed.TotalMilliseconds:0} ms; {info}");
        Assert.Equal(CloseCause.RoomGone, info.Cause);
        Assert.Equal(ConnectFailureKind.Refused, Assert.IsType<RoomConnectException>(info.Error).Kind);

        // Generous bound for a loaded machine; the default policy needs 0.5–1.5 s plus two refused retries of 0.5 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        lock (errors)
        {
            Assert.Empty(errors);
        }
    }
}
