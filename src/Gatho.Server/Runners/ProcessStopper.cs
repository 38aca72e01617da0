namespace Gatho.Server.Runners;

/// <summary>
/// Stops a <see cref="Subprocess"/> child: SIGTERM, then SIGKILL after the kill timeout, at most once, each signal sent
/// through a <see cref="ProcessSignaller"/> so none can reach a process that reused the child's pid.
/// </summary>
internal sealed class ProcessStopper : IRoomStopper
{
    private readonly TimeSpan killTimeout;
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ProcessSignaller> attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int stopping;

    public ProcessStopper(TimeSpan killTimeout)
    {
        this.killTimeout = killTimeout;
    }

    /// <summary>The started child's signaller (set once, right after the start).</summary>
    public void Attach(ProcessSignaller signaller)
    {
        attached.TrySetResult(signaller);
        if (exited.Task.IsCompleted)
        {
            signaller.Dispose();
        }
    }

    /// <summary>The runtime reaped the child: stop signalling it.</summary>
    public void Exited()
    {
        exited.TrySetResult();
        if (attached.Task.IsCompleted)
        {
            attached.Task.Result.Dispose();
        }
    }

    public ValueTask StopAsync()
    {
        if (Interlocked.Exchange(ref stopping, 1) == 0)
        {
            _ = EscalateAsync();
        }

        return default;
    }

    private async Task EscalateAsync()
    {
        var signaller = await attached.Task.ConfigureAwait(false);
        try
        {
            if (!signaller.Signal(ProcessSignaller.SigTerm))
            {
                return;
            }

            try
            {
                await exited.Task.WaitAsync(killTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                signaller.Signal(ProcessSignaller.SigKill);
            }
        }
        catch (InvalidOperationException)
        {
            // Without a pidfd: it exited between the runtime's check and the kill. Nothing left to stop.
        }
    }
}
