using System.Collections.Concurrent;

namespace Gatho.Client.Threading;

/// <summary>
/// Orders events and hands them to the dispatcher; one drain at a time raises them, so handlers never run concurrently.
/// Transitions are enqueued under the reconnect loop's lock and messages by the live attempt's receive loop, which
/// also hands over its session, so the queue order is the order things happened. <c>Closed</c> is the last event: a
/// message a retiring receive loop enqueues after it is not raised.
/// </summary>
internal sealed class EventQueue
{
    private readonly ConcurrentQueue<ClientEvent> pending = new();
    private readonly ClientEventDispatcher dispatcher;
    private readonly Action<ClientEvent> raise;
    private readonly Action drain;
    private readonly object manualDrainGate = new();
    private int scheduled;
    private bool closedRaised;

    public EventQueue(ClientEventDispatcher dispatcher, Action<ClientEvent> raise)
    {
        this.dispatcher = dispatcher;
        this.raise = raise;
        drain = () => Drain();
    }

    public bool IsManual => dispatcher.IsManual;

    public int Count => pending.Count;

    public void Enqueue(in ClientEvent item)
    {
        pending.Enqueue(item);
        if (!dispatcher.IsManual && Interlocked.CompareExchange(ref scheduled, 1, 0) == 0)
        {
            dispatcher.Schedule(drain);
        }
    }

    /// <summary>Raises every queued event, in order; returns how many. Safe to call from any thread.</summary>
    public int Drain()
    {
        if (dispatcher.IsManual)
        {
            // Dispatch() from two threads at once must not interleave handlers.
            lock (manualDrainGate)
            {
                return RaiseAll();
            }
        }

        var count = 0;
        while (true)
        {
            count += RaiseAll();
            Volatile.Write(ref scheduled, 0);

            // A producer that enqueued after RaiseAll but saw scheduled == 1 did not schedule a drain: take over its items.
            if (pending.IsEmpty || Interlocked.CompareExchange(ref scheduled, 1, 0) != 0)
            {
                return count;
            }
        }
    }

    private int RaiseAll()
    {
        var count = 0;
        while (pending.TryDequeue(out var item))
        {
            if (closedRaised)
            {
                continue;
            }

            closedRaised = item.Kind == ClientEventKind.Closed;
            raise(item);
            count++;
        }

        return count;
    }
}
