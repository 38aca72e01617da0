namespace Gatho.LoadTest.Scenarios;

/// <summary>
/// What the clients of a run do. Built in: <see cref="Echo"/>, <see cref="FanOut"/>, <see cref="Idle"/>,
/// <see cref="Churn"/> (they need the reference room's semantics: a message whose first byte is <c>B</c> is broadcast,
/// any other echoed — bench/Gatho.LoadRoom, or the SignalR baseline hub). Your own: <see cref="FromDelegate"/>, a per-client
/// function that may drive a raw or a typed client against your room.
/// </summary>
public abstract class LoadScenario
{
    /// <summary>Each client makes <see cref="LoadOptions.Messages"/> sequential round trips; latency is the round trip.</summary>
    public static LoadScenario Echo { get; } = new EchoScenario();

    /// <summary>Each client sends <see cref="LoadOptions.Messages"/> messages as fast as it can, each broadcast to every
    /// client: clients² × messages deliveries; latency is send → receive.</summary>
    public static LoadScenario FanOut { get; } = new FanOutScenario();

    /// <summary>The clients connect and stay idle for <see cref="LoadOptions.Hold"/>; the room's memory per client is reported.</summary>
    public static LoadScenario Idle { get; } = new IdleScenario();

    /// <summary>Each client joins, exchanges messages, is cut (no close handshake) on odd cycles and resumes, and leaves,
    /// <see cref="LoadOptions.Cycles"/> times; nothing reliable may be lost or repeated across the cuts.</summary>
    public static LoadScenario Churn { get; } = new ChurnScenario();

    /// <summary>The scenario's name in reports.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the scenario can run against the SignalR baseline.</summary>
    public virtual bool RunsOnBaseline => true;

    /// <summary>The built-in scenario called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such scenario.</exception>
    public static LoadScenario Named(string name) => name switch
    {
        "echo" => Echo,
        "fanout" or "fan-out" => FanOut,
        "idle" => Idle,
        "churn" => Churn,
        _ => throw new ArgumentException($"no scenario '{name}' (echo, fanout, idle, churn)", nameof(name)),
    };

    /// <summary>
    /// A user scenario: <paramref name="perClient"/> runs once per client (started with the ramp) and records what it
    /// measures through its <see cref="LoadClientContext"/>.
    /// </summary>
    public static LoadScenario FromDelegate(string name, Func<LoadClientContext, CancellationToken, Task> perClient)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(perClient);
        return new DelegateScenario(name, perClient);
    }

    /// <summary>Runs once; the runner makes the report from <paramref name="run"/>.</summary>
    public abstract Task RunAsync(ScenarioRun run, CancellationToken cancellationToken);
}
