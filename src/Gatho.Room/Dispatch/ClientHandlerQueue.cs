using Gatho.Room.Transport;

namespace Gatho.Room.Dispatch;

/// <summary>
/// One client's inbound work on the room thread: handlers run one at a time, in arrival order, each starting only
/// when the previous one's task completed — also across an <c>await</c> (issue 17, defect 7). When an item's handler
/// completed, its connection is told (<see cref="IClientConnection.MessageProcessed"/>): the transport frees the
/// message's inbound slot there, so a flood against a slow async handler stops the socket being read instead of
/// starting handlers without bound. Other clients' handlers, timers and posts still run while one awaits (DESIGN D4).
/// Items are structs run by one delegate given at construction: no closure or delegate per message. Room thread only.
/// </summary>
internal sealed class ClientHandlerQueue
{
    private readonly Func<HandlerWork, Task> run;
    private Queue<HandlerWork>? waiting;
    private bool running;

    /// <param name="run">Runs one item; never throws (the runtime's callback guard logs what room code throws).</param>
    public ClientHandlerQueue(Func<HandlerWork, Task> run)
    {
        this.run = run;
    }

    /// <summary>Items waiting behind the running one.</summary>
    public int Waiting => waiting?.Count ?? 0;

    /// <summary>True while a handler of this client has started and not completed.</summary>
    public bool IsRunning => running;

    /// <summary>Runs <paramref name="work"/> now if nothing of this client runs, else after what is queued.</summary>
    public void Enqueue(HandlerWork work)
    {
        if (!running)
        {
            _ = DrainAsync(work);
            return;
        }

        // Created on first need: an idle client, or one whose handlers complete synchronously, never has one.
        (waiting ??= new Queue<HandlerWork>()).Enqueue(work);
    }

    private async Task DrainAsync(HandlerWork first)
    {
        running = true;
        try
        {
            var work = first;
            while (true)
            {
                try
                {
                    // Completes synchronously for a synchronous handler: no yield, no allocation.
                    await run(work);
                }
                finally
                {
                    work.Connection.MessageProcessed();
                }

                if (waiting is null || !waiting.TryDequeue(out work))
                {
                    break;
                }
            }
        }
        finally
        {
            running = false;
        }
    }
}

/// <summary>One item of a client's inbound work: a message for <c>OnMessage</c>, or the client's <c>leave</c>.</summary>
/// <param name="Connection">The socket it came from (its inbound slot is freed when the item completed).</param>
/// <param name="Message">The message (default for a leave).</param>
/// <param name="Leave">True for a consented leave, handled in line with the messages before it.</param>
internal readonly record struct HandlerWork(IClientConnection Connection, RoomMessage Message, bool Leave);
