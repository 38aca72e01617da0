using System.Diagnostics;
using Gatho.LoadTest.Connections;
using Gatho.LoadTest.Measuring;

namespace Gatho.LoadTest.Scenarios;

/// <summary>Every client sends, every message goes to every client (see <see cref="LoadScenario.FanOut"/>).</summary>
internal sealed class FanOutScenario : LoadScenario
{
    // A run whose deliveries stop for this long is over: what has not arrived is lost.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(15);

    public override string Name => "fanout";

    public override async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        var clients = run.Options.Clients;
        var trackers = new ReliableTracker[clients];
        for (var i = 0; i < clients; i++)
        {
            trackers[i] = new ReliableTracker(clients, run.Meter);
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long expected = 0;
        var connections = await run.ConnectAllAsync(i => message => Delivered(run.Meter, trackers[i], message, done, Volatile.Read(ref expected)), cancellationToken).ConfigureAwait(false);
        var senders = connections.Count(c => c is not null);
        Volatile.Write(ref expected, (long)senders * senders * run.Options.Messages);
        run.Meter.Expect(expected);

        run.StartWindow();
        var sending = connections.Where(c => c is not null).Select(c => Task.Run(() => SendAllAsync(run, c!, cancellationToken), cancellationToken)).ToArray();
        await WaitAsync(run, done.Task, cancellationToken).ConfigureAwait(false);
        run.EndWindow();
        await Task.WhenAll(sending).ConfigureAwait(false);
        await run.CloseAllAsync(connections).ConfigureAwait(false);
    }

    private static void Delivered(RunMeter meter, ReliableTracker tracker, ReadOnlySpan<byte> message, TaskCompletionSource done, long expected)
    {
        if (!Payload.TryRead(message, out var sender, out var seq, out var sent))
        {
            meter.Error("a delivery that is not a scenario message");
            return;
        }

        if (tracker.Receive(sender, seq))
        {
            meter.Delivered(Stopwatch.GetTimestamp() - sent);
            if (expected > 0 && meter.Unique >= expected)
            {
                done.TrySetResult();
            }
        }
    }

    private static async Task SendAllAsync(ScenarioRun run, ILoadConnection connection, CancellationToken cancellationToken)
    {
        var message = new byte[run.Options.MessageBytes];
        try
        {
            for (var seq = 1; seq <= run.Options.Messages; seq++)
            {
                Payload.Stamp(message, Payload.Broadcast, connection.Index, seq);
                run.Meter.Sending();
                await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Meter.Error($"client {connection.Index} stopped sending: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task WaitAsync(ScenarioRun run, Task done, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var lastCount = -1L;
        var lastProgress = Stopwatch.StartNew();
        while (!done.IsCompleted)
        {
            await Task.WhenAny(done, Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken)).ConfigureAwait(false);
            var count = run.Meter.Deliveries;
            if (count != lastCount)
            {
                lastCount = count;
                lastProgress.Restart();
            }

            if (deadline.Elapsed > run.Options.Timeout || lastProgress.Elapsed > Stall)
            {
                run.Meter.Error($"fan-out ended with {run.Meter.Unique} of {run.Meter.Expected} deliveries ({(deadline.Elapsed > run.Options.Timeout ? "timeout" : "no progress for " + Stall.TotalSeconds + " s")})");
                return;
            }
        }
    }
}
