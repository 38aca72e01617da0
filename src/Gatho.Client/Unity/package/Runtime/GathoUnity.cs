using System.Threading;

namespace Gatho.Client.Unity
{
    /// <summary>
    /// Client options for a Unity scene: events are raised on the thread that called <see cref="MainThreadOptions"/>
    /// (Unity's main thread has a <see cref="SynchronizationContext"/>), so handlers may touch GameObjects. Call it from
    /// a MonoBehaviour (Awake/Start). Without a context, events come from the thread pool, one at a time.
    /// </summary>
    public static class GathoUnity
    {
        /// <summary>Options whose events are posted to the calling thread's synchronization context.</summary>
        public static GathoClientOptions MainThreadOptions() => new GathoClientOptions
        {
            Dispatcher = SynchronizationContext.Current is { } context
                ? ClientEventDispatcher.FromSynchronizationContext(context)
                : ClientEventDispatcher.Background,
        };
    }
}
