using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Gatho.Drivers.Events;

/// <summary>
/// Delivers one subscriber's server events to its handler, one at a time and in the order they were posted, on a
/// pump of its own, so a driver can post while holding its lock and never runs user code there. A handler that throws
/// is logged and the next event is still delivered. Drivers share this type; it is not needed by their callers.
/// </summary>
public sealed class ServerEventQueue : IAsyncDisposable
{
    // Which queue's pump the current async flow is running in: a handler that disposes its own subscription must
    // not wait for the pump it is running on.
    private static readonly AsyncLocal<ServerEventQueue?> Pumping = new();

    private readonly Channel<ServerEvent> events = Channel.CreateUnbounded<ServerEvent>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly CancellationTokenSource stopping = new();
    private readonly Func<ServerEvent, ValueTask> handler;
    private readonly ILogger logger;
    private readonly Task pump;
    private int disposed;

    /// <summary>Starts delivering to <paramref name="handler"/> the events posted for <paramref name="serverId"/>.</summary>
    public ServerEventQueue(string serverId, Func<ServerEvent, ValueTask> handler, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(logger);
        ServerId = serverId;
        this.handler = handler;
        this.logger = logger;
        pump = Task.Run(PumpAsync);
    }

    /// <summary>The server whose events this queue delivers.</summary>
    public string ServerId { get; }

    /// <summary>Queues <paramref name="serverEvent"/>; false once the queue is disposed (the event is dropped).</summary>
    public bool Post(ServerEvent serverEvent) => events.Writer.TryWrite(serverEvent);

    /// <summary>Stops delivery: events not yet delivered are dropped; waits for a handler call in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        events.Writer.TryComplete();
        await stopping.CancelAsync().ConfigureAwait(false);
        if (Pumping.Value == this)
        {
            // Called from our own handler: the pump ends when the handler returns. The token source stays
            // undisposed because the pump still reads its token; it holds no timer, so nothing leaks.
            return;
        }

        await pump.ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task PumpAsync()
    {
        Pumping.Value = this;
        try
        {
            await foreach (var serverEvent in events.Reader.ReadAllAsync(stopping.Token).ConfigureAwait(false))
            {
                // ReadAllAsync keeps yielding already-buffered items after cancellation; disposal means "no more".
                if (stopping.IsCancellationRequested)
                {
                    break;
                }

                try
                {
                    await handler(serverEvent).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "server event handler for server {ServerId} threw on {Event}; delivery continues", ServerId, serverEvent);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: undelivered events are dropped on purpose.
        }
    }
}
