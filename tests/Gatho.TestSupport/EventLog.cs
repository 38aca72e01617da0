using Xunit;
namespace Gatho.TestSupport;

/// <summary>What happened, in order, with a way to await an entry instead of sleeping.</summary>
public sealed class EventLog
{
    /// <summary>Upper bound for any awaited event (never a sleep: waits end as soon as the entry appears).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

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

    public int Count(Func<string, bool> match)
    {
        lock (gate)
        {
            return entries.Count(match);
        }
    }

    public Task WaitAsync(string entry) => WaitAsync(e => e == entry, entry);

    public Task WaitAsync(Func<string, bool> match, string what, TimeSpan? patience = null)
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

        return Within(task, what, patience ?? Patience);
    }

    private async Task Within(Task task, string what, TimeSpan patience)
    {
        try
        {
            await task.WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no \"{what}\" within {patience}; log: {string.Join(", ", Entries.TakeLast(40))}");
        }
    }
}
