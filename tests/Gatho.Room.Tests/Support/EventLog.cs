namespace Gatho.Room.Tests.Support;

/// <summary>What room callbacks did, in order, with a way to await an entry instead of sleeping.</summary>
internal sealed class EventLog
{
    private readonly object gate = new();
    private readonly List<string> entries = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Done)> waiters = new();

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (gate)
            {
                return entries.ToArray();
            }
        }
    }

    public void Add(string entry)
    {
        lock (gate)
        {
            entries.Add(entry);
            foreach (var waiter in waiters.ToArray())
            {
                if (waiter.Match(entry))
                {
                    waiters.Remove(waiter);
                    waiter.Done.TrySetResult();
                }
            }
        }
    }

    public int Count(string entry)
    {
        lock (gate)
        {
            return entries.Count(e => e == entry);
        }
    }

    /// <summary>Completes when an entry equal to <paramref name="entry"/> has been added (now or earlier).</summary>
    public Task WaitAsync(string entry) => WaitAsync(e => e == entry, entry);

    public Task WaitAsync(Func<string, bool> match, string what)
    {
        Task task;
        lock (gate)
        {
            if (entries.Any(match))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((match, done));
            task = done.Task;
        }

        return Within(task, what);
    }

    private async Task Within(Task task, string what)
    {
        try
        {
            await task.WaitAsync(WireClient.Patience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no \"{what}\" within {WireClient.Patience}; log: {string.Join(", ", Entries)}");
        }
    }
}
