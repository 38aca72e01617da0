namespace Gatho.LoadTest.Scenarios;

/// <summary>Connect, hold idle, read the serving process's memory (see <see cref="LoadScenario.Idle"/>).</summary>
internal sealed class IdleScenario : LoadScenario
{
    public override string Name => "idle";

    public override async Task RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        // The window spans connecting and holding: memory before the first client, after the hold with all connected.
        run.StartWindow();
        var connections = await run.ConnectAllAsync(_ => null, cancellationToken).ConfigureAwait(false);
        await Task.Delay(run.Options.Hold, cancellationToken).ConfigureAwait(false);
        run.EndWindow();
        var open = connections.Count(c => c is { IsConnected: true });
        if (open != run.Options.Clients)
        {
            run.Meter.Error($"{run.Options.Clients - open} of {run.Options.Clients} clients were not connected at the end of the hold");
        }

        await run.CloseAllAsync(connections).ConfigureAwait(false);
    }
}
