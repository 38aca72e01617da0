using System.Collections.Concurrent;

namespace Gatho.Client.Threading;

/// <summary>
/// Orders events and hands them to the dispatcher. Producers enqueue while holding the client's lock, so the queue order
/// is the order things happened; one drain at a time raises them, so handlers never run concurrently.
/// </summary>
internal sealed class EventQueue
{
    private readonly ConcurrentQueue<ClientEvent> pending = new();
    private readonly ClientEventDispatcher dispatcher;
    private readonly Action<ClientEvent> raise;
    private readonly Action drain;
    private readonly object manualDrainGate = new();
    private int scheduled;

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
            raise(item);
            count++;
        }

        return count;
    }
}
