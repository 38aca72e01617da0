using System.Diagnostics;

namespace Gatho.LoadTest.Scenarios;

/// <summary>A user scenario: one function per client (see <see cref="LoadScenario.FromDelegate"/>).</summary>
internal sealed class DelegateScenario : LoadScenario
{
    private readonly Func<LoadClientContext, CancellationToken, Task> perClient;

    public DelegateScenario(string name, Func<LoadClientContext, CancellationToken, Task> perClient)
    {
        Name = name;
        this.perClient = perClient;
    }

    public override string Name { get; }

    public override bool RunsOnBaseline => false;

    public override async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        run.StartWindow();
        await Task.WhenAll(Enumerable.Range(0, run.Options.Clients).Select(index => Task.Run(
            async () =>
            {
                var wait = (run.Options.Ramp * index / run.Options.Clients) - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    await perClient(new LoadClientContext(run, index), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    run.Meter.Error($"client {index}: {e.GetType().Name}: {e.Message}");
                }
            },
            cancellationToken))).ConfigureAwait(false);
        run.EndWindow();
    }
}
