namespace Gatho.Server.Tests.Support;

/// <summary>
/// Holds the next server heartbeat tick after the store answered it and before the server acts on the answer, so a
/// test can change the store "mid-tick". Keep the pause short: a tick running past 5 s is abandoned by the server.
/// </summary>
internal sealed class TickPause
{
    private readonly TaskCompletionSource paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int armed = 1;

    public TickPause(InterceptingDriver driver)
    {
        driver.AfterHeartbeatRead = async () =>
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                paused.TrySetResult();
                await released.Task;
            }
        };
    }

    /// <summary>Completes once a tick has read the store and is held.</summary>
    public Task PausedAsync() => Wait.ForAsync(paused.Task, "a heartbeat tick to pause");

    public void Release() => released.TrySetResult();
}
