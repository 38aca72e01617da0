using Microsoft.Extensions.Logging;

namespace Gatho.Server.Lifecycle;

/// <summary>
/// A tick's licence to act. A tick that overran its timeout (or outlived the loop) keeps running, since its I/O
/// cannot be recalled, but <see cref="IsCurrent"/> turns false, and it must not take destructive decisions on stale data.
/// </summary>
internal sealed class TickScope
{
    private volatile bool expired;

    public bool IsCurrent => !expired;

    public void Expire() => expired = true;
}

/// <summary>
/// Runs a tick every interval, never two at once (gatho's "punctuate"): the next tick starts <c>interval − elapsed</c>
/// after the previous one started, or at once if it overran. Each tick gets a <see cref="TickScope"/> that expires at the
/// tick timeout or when the loop stops.
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
        if (finished != run)
        {
            scope.Expire();
            if (!stopping.IsCancellationRequested)
            {
                logger.LogWarning("{Loop} tick overran {Timeout}; its late results will be ignored", name, tickTimeout);
            }
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
