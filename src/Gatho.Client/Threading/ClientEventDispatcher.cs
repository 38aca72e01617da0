namespace Gatho.Client;

/// <summary>
/// Chooses the thread a <see cref="GathoClient"/> raises its events on. Whatever the choice, events are raised one at a
/// time, in the order they happened, and messages are decoded before they are queued, so the receiving thread — not
/// yours — pays for decoding.
/// </summary>
public abstract class ClientEventDispatcher
{
    private protected ClientEventDispatcher()
    {
    }

    /// <summary>
    /// Default: events are raised on thread-pool threads (never on the socket's receive loop and never inside your own
    /// <see cref="GathoClient.Send(string, bool)"/> or <see cref="GathoClient.CloseAsync"/> call), one at a time.
    /// </summary>
    public static ClientEventDispatcher Background { get; } = new PostingDispatcher(drain => ThreadPool.QueueUserWorkItem(static state => ((Action)state!)(), drain));

    /// <summary>
    /// Events wait in a queue until your loop calls <see cref="GathoClient.Dispatch"/> (a game's main-thread update,
    /// for instance), so handlers run on that thread and never race your game state.
    /// </summary>
    public static ClientEventDispatcher Manual { get; } = new ManualDispatcher();

    /// <summary>Events are posted to <paramref name="context"/> (a UI or engine main-thread context).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public static ClientEventDispatcher FromSynchronizationContext(SynchronizationContext context)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        return new PostingDispatcher(drain => context.Post(static state => ((Action)state!)(), drain));
    }

    /// <summary>
    /// Events are handed to <paramref name="post"/>, which must run the callback it gets later, once, on the thread you
    /// want (e.g. an engine's "call deferred"). Callbacks it receives may be run in any order: each one raises every
    /// event queued so far, in order.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="post"/> is null.</exception>
    public static ClientEventDispatcher FromPost(Action<Action> post)
    {
        if (post is null)
        {
            throw new ArgumentNullException(nameof(post));
        }

        return new PostingDispatcher(post);
    }

    /// <summary>True when events wait for <see cref="GathoClient.Dispatch"/>.</summary>
    internal abstract bool IsManual { get; }

    /// <summary>Arranges for <paramref name="drain"/> to run once, later, off the caller's stack.</summary>
    internal abstract void Schedule(Action drain);

    private sealed class PostingDispatcher : ClientEventDispatcher
    {
        private readonly Action<Action> post;

        public PostingDispatcher(Action<Action> post)
        {
            this.post = post;
        }

        internal override bool IsManual => false;

        internal override void Schedule(Action drain) => post(drain);
    }

    private sealed class ManualDispatcher : ClientEventDispatcher
    {
        internal override bool IsManual => true;

        internal override void Schedule(Action drain)
        {
            // Nothing to schedule: the app pumps with GathoClient.Dispatch().
        }
    }
}
