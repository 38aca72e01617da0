using Gatho.Analyzers.RoomThread;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.RoomThread;

/// <summary>GATHO2004: async callbacks given to the room's timers.</summary>
public sealed class AsyncTimerCallbackTests
{
    [Fact]
    public Task Async_lambdas_and_async_void_methods_given_to_Schedule_and_ScheduleRepeating_are_reported_on_the_argument() =>
        Verify<AsyncTimerCallbackAnalyzer>.AnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Gatho;

            [GathoRoom("ticking")]
            public partial class TickingRoom
            {
                private int ticks;

                [OnStart]
                void Started()
                {
                    Room.ScheduleRepeating(TimeSpan.FromMilliseconds(50), {|#0:async () => { await Task.Yield(); ticks++; }|});
                    Room.Schedule(TimeSpan.FromSeconds(5), {|#1:Later|});
                }

                private async void Later() => await Task.Yield();
            }
            """,
            Verify<AsyncTimerCallbackAnalyzer>.Diagnostic().WithLocation(0).WithMessage(
                "The async callback given to 'IRoom.ScheduleRepeating' becomes async void: the timer does not wait for it, so the next tick can start while this one is still awaiting, and an exception after its first await is not logged as the timer's; timers have no async form: keep the callback synchronous, or make the awaited part guard itself (skip a tick while the last one is still running) and catch its own exceptions"),
            Verify<AsyncTimerCallbackAnalyzer>.Diagnostic().WithLocation(1).WithArguments("Schedule", "an exception after its first await is not logged as the timer's"));

    [Fact]
    public Task Synchronous_timer_callbacks_Post_with_an_async_lambda_and_other_Schedule_methods_are_not_reported() =>
        Verify<AsyncTimerCallbackAnalyzer>.AnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Gatho;

            public sealed class Scheduler
            {
                public void Schedule(TimeSpan delay, Action callback) { }
            }

            [GathoRoom("calm")]
            public partial class CalmRoom
            {
                private int ticks;

                [OnStart]
                void Started()
                {
                    Room.ScheduleRepeating(TimeSpan.FromMilliseconds(50), () => ticks++);
                    _ = Room.Post(async () => await Task.Yield());
                    new Scheduler().Schedule(TimeSpan.FromSeconds(1), async () => await Task.Yield());
                }
            }
            """);
}
