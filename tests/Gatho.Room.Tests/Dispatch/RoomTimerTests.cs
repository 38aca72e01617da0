using Gatho.Room.Runtime;
using Gatho.Room.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Gatho.Room.Tests.Dispatch;

// Issue 17: room timers on RoomOptions.TimeProvider (build item 5), released when done (defect 1), never piling up
// (defect 6). A fake clock drives them; nothing here waits on the wall clock.
public class RoomTimerTests
{
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task One_shot_timers_leave_the_room_when_disposed_or_fired()
    {
        await using var host = await RoomTestHost.StartAsync(new RoomCallbacks(), new RoomOptions { TimeProvider = clock });
        await host.IdleAsync();
        var runtime = (RoomRuntime)host.Room;
        var baseline = runtime.TimerCount;

        await host.Room.Post(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                host.Room.Schedule(TimeSpan.FromMinutes(1), () => { }).Dispose();
            }

            return Task.CompletedTask;
        });
        Assert.Equal(baseline, runtime.TimerCount);

        var fired = 0;
        await host.Room.Post(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                host.Room.Schedule(TimeSpan.FromSeconds(1), () => fired++);
            }

            return Task.CompletedTask;
        });
        Assert.Equal(baseline + 100, runtime.TimerCount);
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.IdleAsync();
        Assert.Equal(100, await host.Room.Post(() => fired));
        Assert.Equal(baseline, runtime.TimerCount);
    }

    [Fact]
    public async Task A_repeating_timer_that_overruns_has_at_most_one_tick_queued()
    {
        await using var host = await RoomTestHost.StartAsync(new RoomCallbacks(), new RoomOptions { TimeProvider = clock });
        var ticks = 0;
        await host.Room.Post(() =>
        {
            host.Room.ScheduleRepeating(TimeSpan.FromMilliseconds(5), () => ticks++);
            return Task.CompletedTask;
        });

        // The room thread is busy (a tick that takes long, or any long callback) while 100 periods pass.
        using var busy = new ManualResetEventSlim();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Room.Post(() =>
        {
            blocked.SetResult();
            busy.Wait();
        });
        await blocked.Task.WaitAsync(WireClient.Patience);
        for (var i = 0; i < 100; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(5));
        }

        busy.Set();
        await host.IdleAsync();
        Assert.Equal(1, await host.Room.Post(() => ticks));

        // Once the room is free again the timer keeps its cadence.
        clock.Advance(TimeSpan.FromMilliseconds(5));
        await host.IdleAsync();
        Assert.Equal(2, await host.Room.Post(() => ticks));
    }

    [Fact]
    public async Task Schedule_follows_the_fake_clock()
    {
        await using var host = await RoomTestHost.StartAsync(new RoomCallbacks(), new RoomOptions { TimeProvider = clock });
        var fired = false;
        await host.Room.Post(() =>
        {
            host.Room.Schedule(TimeSpan.FromSeconds(30), () => fired = true);
            return Task.CompletedTask;
        });
        clock.Advance(TimeSpan.FromSeconds(29));
        await host.IdleAsync();
        Assert.False(await host.Room.Post(() => fired));
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.IdleAsync();
        Assert.True(await host.Room.Post(() => fired));
    }

    [Fact]
    public async Task A_reconnection_window_follows_the_fake_clock()
    {
        var log = new EventLog();
        var behavior = new RoomCallbacks
        {
            OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromSeconds(30)),
            OnLeave = (room, client) => log.Add("leave:" + client.Id),
        };
        await using var host = await RoomTestHost.StartAsync(behavior, new RoomOptions { TimeProvider = clock });
        var client = await host.ConnectAsync("a");
        await client.DropAsync();
        clock.Advance(TimeSpan.FromSeconds(29));
        await host.IdleAsync();
        Assert.True(host.Room.Clients.Has("a"));
        clock.Advance(TimeSpan.FromSeconds(1));
        await log.WaitAsync("leave:a");
        Assert.False(host.Room.Clients.Has("a"));
    }

    [Fact]
    public async Task Live_timers_are_bounded_by_max_timers()
    {
        await using var host = await RoomTestHost.StartAsync(new RoomCallbacks(), new RoomOptions { TimeProvider = clock, MaxTimers = 10 });
        await host.IdleAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Room.Post(() =>
        {
            for (var i = 0; i < 11; i++)
            {
                host.Room.Schedule(TimeSpan.FromMinutes(1), () => { });
            }

            return Task.CompletedTask;
        }));
        Assert.Contains("MaxTimers = 10", error.Message);
    }
}
