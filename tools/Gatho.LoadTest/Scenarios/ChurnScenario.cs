using System.Diagnostics;
using Gatho.LoadTest.Connections;
using Gatho.LoadTest.Measuring;

namespace Gatho.LoadTest.Scenarios;

/// <summary>Join, exchange, cut and resume, leave — again and again (see <see cref="LoadScenario.Churn"/>).</summary>
internal sealed class ChurnScenario : LoadScenario
{
    public override string Name => "churn";

    public override bool RunsOnBaseline => false;

    public override async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var start = Stopwatch.GetTimestamp();
        run.StartWindow();
        var clients = Enumerable.Range(0, run.Options.Clients).Select(index => Task.Run(
            async () =>
            {
                var due = run.Options.Ramp * index / run.Options.Clients;
                var wait = due - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                for (var cycle = 1; cycle <= run.Options.Cycles && deadline.Elapsed < run.Options.Timeout; cycle++)
                {
                    await SessionAsync(run, index, cut: cycle % 2 == 1, deadline, cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken));
        await Task.WhenAll(clients).ConfigureAwait(false);
        run.EndWindow();
    }

    private static async Task SessionAsync(ScenarioRun run, int index, bool cut, Stopwatch deadline, CancellationToken cancellationToken)
    {
        var messages = run.Options.Messages;
        var tracker = new ReliableTracker(1, run.Meter);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDelivery(ReadOnlySpan<byte> message)
        {
            if (Payload.TryRead(message, out var sender, out var seq, out var sent) && sender == index)
            {
                if (tracker.Receive(0, seq))
                {
                    run.Meter.Delivered(Stopwatch.GetTimestamp() - sent);
                }

                if (tracker.Unique == messages)
                {
                    all.TrySetResult();
                }
            }
        }

        ILoadConnection connection;
        try
        {
            connection = await run.ConnectAsync(index, OnDelivery, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Meter.Error($"client {index} could not join: {e.GetType().Name}: {e.Message}");
            return;
        }

        run.Meter.Expect(messages);
        var message = new byte[run.Options.MessageBytes];
        try
        {
            for (var seq = 1; seq <= messages; seq++)
            {
                if (cut && connection.CanCut && seq == (messages / 2) + 1)
                {
                    // Mid-stream, with messages in flight both ways: the resume must deliver each exactly once.
                    connection.Cut();
                    run.Meter.Cut();
                }

                Payload.Stamp(message, Payload.Echo, index, seq);
                run.Meter.Sending();
                await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }

            var left = run.Options.Timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero || await Task.WhenAny(all.Task, Task.Delay(left, cancellationToken)).ConfigureAwait(false) != all.Task)
            {
                run.Meter.Error($"client {index}: {tracker.Unique} of {messages} echoes arrived within the run's timeout");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Meter.Error($"client {index} session failed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            await run.CloseAsync(connection).ConfigureAwait(false);
        }
    }
}
