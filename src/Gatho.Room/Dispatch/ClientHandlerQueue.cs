namespace Gatho.Room.Dispatch;

/// <summary>
/// One client's inbound work on the room thread: handlers run one at a time, in arrival order, each starting only
/// when the previous one's task completed — also across an <c>await</c> (issue 17, defect 7). Each item's
/// <c>done</c> runs when its handler completed; the transport frees the message's inbound slot there, so a flood
/// against a slow async handler stops the socket being read instead of starting handlers without bound. Other
/// clients' handlers, timers and posts still run while one awaits (DESIGN D4). Room thread only.
/// </summary>
internal sealed class ClientHandlerQueue
{
    private readonly Queue<(Func<Task> Handler, Action Done)> waiting = new();
    private bool running;

    /// <summary>Items waiting behind the running one.</summary>
    public int Waiting => waiting.Count;

    /// <summary>True while a handler of this client has started and not completed.</summary>
    public bool IsRunning => running;

    /// <summary>Runs <paramref name="handler"/> now if nothing of this client runs, else after what is queued.</summary>
    /// <param name="handler">Never throws (the runtime's callback guard logs what room code throws).</param>
    /// <param name="done">Called once the handler's task completed.</param>
    public void Enqueue(Func<Task> handler, Action done)
    {
        waiting.Enqueue((handler, done));
        if (!running)
        {
            _ = DrainAsync();
        }
    }

    private async Task DrainAsync()
    {
        running = true;
        try
        {
            while (waiting.TryDequeue(out var item))
            {
                try
                {
                    // Completes synchronously for a synchronous handler: no yield, no allocation.
                    await item.Handler();
                }
                finally
                {
                    item.Done();
                }
            }
        }
        finally
        {
            running = false;
        }
    }
}
