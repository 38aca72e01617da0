using System.Collections.Concurrent;
using Gatho.Server.Lifecycle;
using Gatho.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gatho.Server.Tests.Lifecycle;

/// <summary>
/// The heartbeat and leader cadence (gatho's "punctuate", §7.5, unit "punctuate"): one tick per interval, never two
/// scheduled at once, and a tick that overran its timeout or outlived its loop loses its licence to act.
/// </summary>
public sealed class PunctualLoopTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TickTimeout = TimeSpan.FromSeconds(8);

    private readonly FakeTimeProvider time = new();
    private readonly ConcurrentQueue<(TimeSpan At, TickScope Scope)> ticks = new();
    private readonly DateTimeOffset start;
    private int running;
    private int maxRunning;

    public PunctualLoopTests()
    {
        start = time.GetUtcNow();
    }

    [Fact]
    public async Task The_first_tick_runs_before_start_returns_then_one_per_interval()
    {
        var step = TimeSpan.FromMilliseconds(250);
        await using var loop = Loop(_ => Task.CompletedTask);

        await loop.StartAsync();
        Assert.Single(ticks);

        // Time moves in small steps: the loop arms its next wait a moment after a tick, and fake time that jumps
        // between measuring the wait and arming it would never fire it.
        for (var n = 2; n <= 5; n++)
        {
            await Wait.UntilAsync(
                () =>
                {
                    if (ticks.Count < n)
                    {
                        time.Advance(step);
                    }

                    return ticks.Count >= n;
                },
                $"tick {n}");
        }

        var starts = ticks.Select(t => t.At).ToArray();
        for (var i = 1; i < starts.Length; i++)
        {
            // Never early, never two in one interval; late by at most the step the clock moves in.
            Assert.InRange(starts[i] - starts[i - 1], Interval, Interval + 2 * step);
        }

        Assert.All(ticks, t => Assert.True(t.Scope.IsCurrent));
        Assert.Equal(1, maxRunning);
    }

    [Fact]
    public async Task A_tick_slower_than_the_interval_delays_the_next_which_then_starts_at_once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var loop = Loop(scope => ticks.Count == 2 ? release.Task : Task.CompletedTask);
        await loop.StartAsync();
        time.Advance(Interval);
        await Wait.UntilAsync(() => ticks.Count == 2, "the slow tick");

        // Past its interval but within its timeout: still current, and nothing else starts meanwhile.
        time.Advance(TickTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(2, ticks.Count);
        Assert.True(ticks.Last().Scope.IsCurrent);
        release.SetResult();

        await Wait.UntilAsync(() => ticks.Count == 3, "the next tick, at once");
        Assert.Equal(Interval + TickTimeout - TimeSpan.FromSeconds(1), ticks.Last().At);
        Assert.Equal(1, maxRunning);
    }

    [Fact]
    public async Task A_tick_that_overruns_its_timeout_is_expired_and_the_next_waits_for_it_to_end()
    {
        // Issue 17, defect 9: the loop used to start the next tick beside a timed-out one that was still running.
        var logs = new LogRecorder();
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var loop = new PunctualLoop("test", Interval, TickTimeout, scope => Record(scope, () => ticks.Count == 2 ? stuck.Task : Task.CompletedTask), time, logs.CreateLogger("test"));
        await loop.StartAsync();
        time.Advance(Interval);
        await Wait.UntilAsync(() => ticks.Count == 2, "the stuck tick");
        var stuckScope = ticks.Last().Scope;

        // The tick's timeout timer is armed just after the tick began, so time moves on in steps until it fires.
        await Wait.UntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                return !stuckScope.IsCurrent;
            },
            "the stuck tick expired");
        Assert.True(stuckScope.Cancellation.IsCancellationRequested);
        await Wait.UntilAsync(() => logs.Count("the next tick waits for it to end") == 1, "the loop waiting for the stuck tick");
        time.Advance(3 * Interval);
        Assert.Equal(2, ticks.Count);
        var releasedAt = time.GetUtcNow() - start;
        stuck.SetResult();

        await Wait.UntilAsync(() => ticks.Count == 3, "the next tick, once the stuck one ended");
        Assert.Equal(releasedAt, ticks.Last().At);
        Assert.True(ticks.Last().Scope.IsCurrent);
        Assert.Equal(1, maxRunning);
    }

    [Fact]
    public async Task A_tick_that_honours_its_cancellation_ends_at_the_timeout_and_the_loop_moves_on()
    {
        await using var loop = Loop(scope => ticks.Count == 2 ? Task.Delay(Timeout.InfiniteTimeSpan, scope.Cancellation) : Task.CompletedTask);
        await loop.StartAsync();
        time.Advance(Interval);
        await Wait.UntilAsync(() => ticks.Count == 2, "the hung tick");
        var hung = ticks.Last().Scope;

        await Wait.UntilAsync(
            () =>
            {
                if (ticks.Count < 3)
                {
                    time.Advance(TimeSpan.FromSeconds(1));
                }

                return ticks.Count == 3;
            },
            "the loop moving on");

        Assert.False(hung.IsCurrent);
        Assert.True(ticks.Last().Scope.IsCurrent);
        Assert.Equal(1, maxRunning);
    }

    [Fact]
    public async Task Stopping_expires_the_running_tick_and_does_not_wait_for_it()
    {
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = Loop(scope => ticks.Count == 2 ? stuck.Task : Task.CompletedTask);
        await loop.StartAsync();
        time.Advance(Interval);
        await Wait.UntilAsync(() => ticks.Count == 2, "the stuck tick");

        await Wait.ForAsync(loop.DisposeAsync().AsTask(), "the loop to stop");

        Assert.False(ticks.Last().Scope.IsCurrent);
        time.Advance(10 * Interval);
        Assert.Equal(2, ticks.Count);
        stuck.SetResult();
    }

    [Fact]
    public async Task A_tick_that_throws_is_logged_and_the_next_still_comes()
    {
        var logs = new LogRecorder();
        await using var loop = new PunctualLoop("test", Interval, TickTimeout, scope => Record(scope, () => ticks.Count == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask), time, logs.CreateLogger("test"));

        await loop.StartAsync();
        time.Advance(Interval);

        await Wait.UntilAsync(() => ticks.Count == 2, "the tick after the failure");
        Assert.Equal(1, logs.Count("test tick failed"));
    }

    private PunctualLoop Loop(Func<TickScope, Task> body) =>
        new("test", Interval, TickTimeout, scope => Record(scope, () => body(scope)), time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    private async Task Record(TickScope scope, Func<Task> body)
    {
        var now = Interlocked.Increment(ref running);
        InterlockedMax(ref maxRunning, now);
        ticks.Enqueue((time.GetUtcNow() - start, scope));
        try
        {
            await body();
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
