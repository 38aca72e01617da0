using System.Diagnostics;
using Gatho.LoadTest.Connections;
using Gatho.LoadTest.Measuring;

namespace Gatho.LoadTest.Scenarios;

/// <summary>Sequential round trips per client (see <see cref="LoadScenario.Echo"/>).</summary>
internal sealed class EchoScenario : LoadScenario
{
    public override string Name => "echo";

    public override async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        var clients = run.Options.Clients;
        var answers = new SemaphoreSlim[clients];
        var trackers = new ReliableTracker[clients];
        for (var i = 0; i < clients; i++)
        {
            answers[i] = new SemaphoreSlim(0);
            trackers[i] = new ReliableTracker(1, run.Meter);
        }

        var connections = await run.ConnectAllAsync(i => message => Answered(run.Meter, trackers[i], answers[i], i, message), cancellationToken).ConfigureAwait(false);
        var deadline = Stopwatch.StartNew();
        run.StartWindow();
        await Task.WhenAll(connections.Where(c => c is not null).Select(c => Task.Run(() => RoundTripsAsync(run, c!, answers[c!.Index], deadline, cancellationToken), cancellationToken))).ConfigureAwait(false);
        run.EndWindow();
        await run.CloseAllAsync(connections).ConfigureAwait(false);
    }

    private static void Answered(RunMeter meter, ReliableTracker tracker, SemaphoreSlim answer, int index, ReadOnlySpan<byte> message)
    {
        if (!Payload.TryRead(message, out var sender, out var seq, out var sent) || sender != index)
        {
            meter.Error($"client {index} got a message that is not its echo");
            return;
        }

        if (tracker.Receive(0, seq))
        {
            meter.Delivered(Stopwatch.GetTimestamp() - sent);
        }

        answer.Release();
    }

    private static async Task RoundTripsAsync(ScenarioRun run, ILoadConnection connection, SemaphoreSlim answer, Stopwatch deadline, CancellationToken cancellationToken)
    {
        var message = new byte[run.Options.MessageBytes];
        run.Meter.Expect(run.Options.Messages);
        for (var seq = 1; seq <= run.Options.Messages; seq++)
        {
            Payload.Stamp(message, Payload.Echo, connection.Index, seq);
            run.Meter.Sending();
            await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var left = run.Options.Timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero || !await answer.WaitAsync(left, cancellationToken).ConfigureAwait(false))
            {
                run.Meter.Error($"client {connection.Index}: no echo of message {seq} within the run's timeout");
                return;
            }
        }
    }
}
