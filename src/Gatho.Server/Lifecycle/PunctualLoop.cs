using Microsoft.Extensions.Logging;

namespace Gatho.Server.Lifecycle;

/// <summary>
/// A tick's licence to act. A tick that overran its timeout (or outlived the loop) loses it: <see cref="IsCurrent"/>
/// turns false and <see cref="Cancellation"/> fires, so it must not take destructive decisions on stale data and should
/// end its I/O — the next tick does not start until it has ended.
/// </summary>
internal sealed class TickScope
{
    // Never disposed: it has no timer or linked registration to release, and a tick still running may read Token
    // after the loop is gone (a disposed source would throw there).
    private readonly CancellationTokenSource expiry = new();

    public bool IsCurrent => !expiry.IsCancellationRequested;

    /// <summary>Cancelled when the tick times out or the loop stops: pass it to the tick's I/O.</summary>
    public CancellationToken Cancellation => expiry.Token;

    public void Expire() => expiry.Cancel();
}

/// <summary>
/// Runs a tick every interval, never two at once (gatho's "punctuate"): the next tick starts <c>interval − elapsed</c>
/// after the previous one started, or at once if it overran. Each tick gets a <see cref="TickScope"/> that expires at the
/// tick timeout or when the loop stops. A tick that overran its timeout is expired and then waited for: the next one
/// starts only once it has ended (two heartbeat ticks would otherwise write the same fields unsynchronised). Stopping
/// the loop does not wait for a running tick; there is no next tick for it to overlap.
/// </summary>
internal sealed class PunctualLoop : IAsyncDisposable
{
    private readonly TimeSpan interval;
    private readonly TimeSpan tickTimeout;
    private readonly Func<TickScope, Task> tick;
    private readonly ILogger logger;
    private readonly string name;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private TickScope? current;
    private Task loop = Task.CompletedTask;

    public PunctualLoop(string name, TimeSpan interval, TimeSpan tickTimeout, Func<TickScope, Task> tick, TimeProvider time, ILogger logger)
    {
        this.name = name;
        this.interval = interval;
        this.tickTimeout = tickTimeout;
        this.tick = tick;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Runs the first tick now (awaited), then keeps ticking in the background.</summary>
    public async Task StartAsync()
    {
        var started = time.GetTimestamp();
        await RunTickAsync().ConfigureAwait(false);
        loop = LoopAsync(started);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        current?.Expire();
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private async Task LoopAsync(long lastStart)
    {
        while (!stopping.IsCancellationRequested)
        {
            var wait = interval - time.GetElapsedTime(lastStart);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stopping.Token).ConfigureAwait(false);
            }

            lastStart = time.GetTimestamp();
            await RunTickAsync().ConfigureAwait(false);
        }
    }

    private async Task RunTickAsync()
    {
        var scope = new TickScope();
        current = scope;
        var run = RunGuardedAsync(scope);
        var finished = await Task.WhenAny(run, Task.Delay(tickTimeout, time, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default)).ConfigureAwait(false);
        if (finished == run)
        {
            return;
        }

        scope.Expire();
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        logger.LogWarning("{Loop} tick overran {Timeout}; its late results will be ignored and the next tick waits for it to end", name, tickTimeout);
        try
        {
            await run.WaitAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: no next tick will start, so there is nothing to wait for.
        }
    }

    private async Task RunGuardedAsync(TickScope scope)
    {
        try
        {
            await tick(scope).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Loop} tick failed", name);
        }
    }
}
