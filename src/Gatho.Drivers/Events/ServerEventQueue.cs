using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Gatho.Drivers.Events;

/// <summary>
/// Delivers one subscriber's server events to its handler, one at a time and in the order they were posted, on a
/// pump of its own, so a driver can post while holding its lock and never runs user code there. A handler that throws
/// is logged and the next event is still delivered. Drivers share this type; it is not needed by their callers.
/// <para>
/// The queue is bounded (D12): a burst of rooms created for a server that is slow to take them (or a store replaying
/// a backlog) must not grow its memory without limit. An event posted to a full queue is dropped with a warning.
/// Nothing is lost for good by that: pushes are hints, and the server's heartbeat reconcile starts every room it is
/// assigned and stops every room removed, so a dropped push costs at most one heartbeat.
/// </para>
/// </summary>
public sealed class ServerEventQueue : IAsyncDisposable
{
    // Which queue's pump the current async flow is running in: a handler that disposes its own subscription must
    // not wait for the pump it is running on.
    private static readonly AsyncLocal<ServerEventQueue?> Pumping = new();

    /// <summary>Events a queue holds for a slow handler before it drops new ones.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Channel<ServerEvent> events;

    private readonly CancellationTokenSource stopping = new();
    private readonly Func<ServerEvent, ValueTask> handler;
    private readonly ILogger logger;
    private readonly Task pump;
    private int disposed;
    private int overflowing;
    private long dropped;

    /// <summary>Starts delivering to <paramref name="handler"/> the events posted for <paramref name="serverId"/>.</summary>
    /// <param name="serverId">The server whose events these are (named in logs).</param>
    /// <param name="handler">Called once per event, one call at a time, in posting order.</param>
    /// <param name="logger">Where handler failures and dropped events are reported.</param>
    /// <param name="capacity">Events held while the handler is busy; further posts are dropped until it catches up.</param>
    public ServerEventQueue(string serverId, Func<ServerEvent, ValueTask> handler, ILogger logger, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        events = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            AllowSynchronousContinuations = false,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then reports "full" instead of dropping silently
        });
        Capacity = capacity;
        ServerId = serverId;
        this.handler = handler;
        this.logger = logger;
        pump = Task.Run(PumpAsync);
    }

    /// <summary>The server whose events this queue delivers.</summary>
    public string ServerId { get; }

    /// <summary>How many events the queue holds while its handler is busy.</summary>
    public int Capacity { get; }

    /// <summary>Events dropped so far because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>
    /// Queues <paramref name="serverEvent"/>; false when it was dropped: the queue is disposed, or full (logged as a
    /// warning once per overflow, with the capacity; the server's reconcile recovers what the push would have said).
    /// </summary>
    public bool Post(ServerEvent serverEvent)
    {
        if (events.Writer.TryWrite(serverEvent))
        {
            Volatile.Write(ref overflowing, 0);
            return true;
        }

        if (Volatile.Read(ref disposed) == 1)
        {
            return false;
        }

        Interlocked.Increment(ref dropped);
        if (Interlocked.Exchange(ref overflowing, 1) == 0)
        {
            logger.LogWarning(
                "server {ServerId}: event queue full ({Capacity} events waiting for the handler); dropping {Event} and any more until it catches up (the heartbeat reconcile recovers them)",
                ServerId, Capacity, serverEvent);
        }

        return false;
    }

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
