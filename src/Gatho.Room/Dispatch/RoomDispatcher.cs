using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Dispatch;

/// <summary>
/// The room's one logical thread (DESIGN D4): a serial executor on the thread pool that is also the
/// <see cref="SynchronizationContext"/> while it runs, so <c>await</c> inside a callback resumes here. Work items run one
/// at a time in arrival order; an awaiting callback yields to others, like JavaScript's event loop, but two pieces of
/// room code never run at once. Sockets are read and written elsewhere; only room state and user code live here.
/// </summary>
internal sealed class RoomDispatcher : SynchronizationContext, IThreadPoolWorkItem
{
    // Run at most this many items per pool work item, then requeue, so one busy room cannot hog a pool thread.
    private const int Batch = 256;

    [ThreadStatic]
    private static RoomDispatcher? current;

    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> queue = new();
    private readonly ILogger logger;
    private int scheduled;

    public RoomDispatcher(ILogger logger)
    {
        this.logger = logger;
    }

    /// <summary>True when called from code running on this room's thread.</summary>
    public bool IsCurrent => current == this;

    public override void Post(SendOrPostCallback d, object? state)
    {
        queue.Enqueue((d, state));
        if (Interlocked.CompareExchange(ref scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (IsCurrent)
        {
            d(state);
            return;
        }

        throw new NotSupportedException("synchronous Send onto a room thread would block; use Post");
    }

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Queues <paramref name="action"/>.</summary>
    public void Post(Action action) => Post(static s => ((Action)s!)(), action);

    /// <summary>Runs <paramref name="action"/> on the room thread and completes when its task does.</summary>
    public Task Run(Func<Task> action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() => _ = RunAndComplete(action, done));
        return done.Task;
    }

    /// <summary>Runs <paramref name="action"/> on the room thread and returns its result.</summary>
    public Task<T> Run<T>(Func<T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                done.TrySetResult(action());
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        return done.Task;
    }

    private static async Task RunAndComplete(Func<Task> action, TaskCompletionSource done)
    {
        try
        {
            await action();
            done.TrySetResult();
        }
        catch (Exception e)
        {
            done.TrySetException(e);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        current = this;
        try
        {
            for (var i = 0; i < Batch && queue.TryDequeue(out var item); i++)
            {
                try
                {
                    item.Callback(item.State);
                }
                catch (Exception e)
                {
                    // Room code's own exceptions are caught where it is called; reaching here is a runtime bug.
                    logger.LogError(e, "unhandled exception on the room thread");
                }
            }
        }
        finally
        {
            current = null;
            SetSynchronizationContext(previous);
        }

        Volatile.Write(ref scheduled, 0);

        // A Post that raced with the reset above saw scheduled == 1 and did not schedule; pick its item up now.
        if (!queue.IsEmpty && Interlocked.CompareExchange(ref scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
