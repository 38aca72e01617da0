namespace Gatho.Server.Tests.Support;

/// <summary>Bounded polling: the way tests wait for something that has no event to await.</summary>
internal static class Wait
{
    /// <summary>An upper bound only: a healthy run finishes far sooner.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Polls <paramref name="condition"/> until true; fails with <paramref name="what"/> after the patience.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, patience);

    /// <summary>Awaits <paramref name="task"/>, failing with <paramref name="what"/> after the patience.</summary>
    public static async Task<T> ForAsync<T>(Task<T> task, string what, TimeSpan? patience = null)
    {
        try
        {
            return await task.WaitAsync(patience ?? Patience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"timed out waiting for {what}");
            throw;
        }
    }

    public static async Task ForAsync(Task task, string what, TimeSpan? patience = null)
    {
        try
        {
            await task.WaitAsync(patience ?? Patience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"timed out waiting for {what}");
            throw;
        }
    }
}
