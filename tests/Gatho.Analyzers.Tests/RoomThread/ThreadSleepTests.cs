using Gatho.Analyzers.RoomThread;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.RoomThread;

/// <summary>GATHO2002: Thread.Sleep on the room thread.</summary>
public sealed class ThreadSleepTests
{
    [Fact]
    public Task Thread_Sleep_in_a_handler_and_a_callback_is_reported_at_the_call() =>
        Verify<BlockingCallAnalyzer>.AnalyzerAsync(
            """
            using System;
            using System.Threading;
            using Gatho;

            [GathoRoom("slow")]
            public partial class SlowRoom
            {
                [OnStart]
                void Started()
                {
                    {|#0:Thread.Sleep(100)|};
                }
            }

            public static class Callbacks
            {
                public static RoomCallbacks Slow() => new()
                {
                    OnReconnect = (room, client) => {|#1:Thread.Sleep(TimeSpan.FromSeconds(1))|},
                };
            }
            """,
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.ThreadSleepId).WithLocation(0).WithMessage(
                "'Thread.Sleep' blocks the room thread in handler 'Started' of room 'SlowRoom': every client of the room stalls while it sleeps; use the room's scheduler instead (IRoom.Schedule(delay, callback) runs the rest on the room thread later without holding it)"),
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.ThreadSleepId).WithLocation(1).WithArguments("the RoomCallbacks.OnReconnect callback"));

    [Fact]
    public Task Sleeping_outside_room_callbacks_and_scheduling_inside_them_are_not_reported() =>
        Verify<BlockingCallAnalyzer>.AnalyzerAsync(
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Gatho;

            [GathoRoom("patient")]
            public partial class PatientRoom
            {
                private int ticks;

                [OnStart]
                void Started() => Room.Schedule(TimeSpan.FromMilliseconds(100), () => ticks++);

                [OnJoin]
                async Task Joined(IRoomClient client) => await Task.Delay(10);

                public static void Backoff() => Thread.Sleep(10);
            }

            public sealed class Thread2
            {
                public static void Sleep(int milliseconds) { }
            }

            public static class Other
            {
                public static RoomCallbacks Callbacks() => new() { OnJoin = (room, client) => Thread2.Sleep(5) };
            }
            """);
}
