namespace Gatho.Server.Runners;

/// <summary>
/// Starts rooms of one type: a child process (<see cref="Subprocess"/>), an in-process room (<see cref="InProcessRunner"/>),
/// a container, anything. The server calls <see cref="StartAsync"/> once per room assignment.
/// </summary>
public interface IRoomRunner
{
    /// <summary>
    /// Starts the room described by <paramref name="context"/> and returns how to stop it. The runner must call
    /// <see cref="RunnerContext.Stopped"/> when the room exits, however that happens.
    /// </summary>
    ValueTask<IRoomStopper> StartAsync(RunnerContext context, CancellationToken cancellationToken);
}

/// <summary>Stops one running room; owns the shutdown strategy (signal escalation, an API call…).</summary>
public interface IRoomStopper
{
    /// <summary>Begins stopping the room. Must be safe to call more than once and after the room already exited.</summary>
    ValueTask StopAsync();
}

/// <summary>Runners built from delegates, for custom runtimes (the README shows a Docker runner written this way).</summary>
public static class RoomRunner
{
    /// <summary>A runner from an asynchronous start function returning a stop function.</summary>
    public static IRoomRunner Create(Func<RunnerContext, CancellationToken, ValueTask<Func<ValueTask>>> start) => new DelegateRunner(start);

    /// <summary>A runner from a start function that starts the room synchronously and returns a stop function.</summary>
    public static IRoomRunner Create(Func<RunnerContext, Func<ValueTask>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return new DelegateRunner((context, _) => new ValueTask<Func<ValueTask>>(start(context)));
    }

    private sealed class DelegateRunner : IRoomRunner
    {
        private readonly Func<RunnerContext, CancellationToken, ValueTask<Func<ValueTask>>> start;

        public DelegateRunner(Func<RunnerContext, CancellationToken, ValueTask<Func<ValueTask>>> start)
        {
            this.start = start ?? throw new ArgumentNullException(nameof(start));
        }

        public async ValueTask<IRoomStopper> StartAsync(RunnerContext context, CancellationToken cancellationToken) =>
            new DelegateStopper(await start(context, cancellationToken).ConfigureAwait(false));
    }

    private sealed class DelegateStopper : IRoomStopper
    {
        private readonly Func<ValueTask> stop;
        private int stopped;

        public DelegateStopper(Func<ValueTask> stop)
        {
            this.stop = stop;
        }

        public ValueTask StopAsync() => Interlocked.Exchange(ref stopped, 1) == 0 ? stop() : default;
    }
}
