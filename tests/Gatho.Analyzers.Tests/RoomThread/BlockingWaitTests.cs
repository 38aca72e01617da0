using Gatho.Analyzers.RoomThread;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.RoomThread;

/// <summary>GATHO2001: waiting for a task on the room thread, in each kind of room callback, and what is left alone.</summary>
public sealed class BlockingWaitTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Gatho;

        """;

    [Fact]
    public Task Result_in_a_room_handler_is_reported_with_the_call_the_task_the_handler_and_the_advice() =>
        Verify<BlockingCallAnalyzer>.AnalyzerAsync(
            Usings + """
            [GathoRoom("lobby")]
            public partial class LobbyRoom
            {
                private readonly Task<int> seats = Task.FromResult(4);

                [OnJoin]
                void Joined(IRoomClient client)
                {
                    var free = {|#0:seats.Result|};
                }
            }
            """,
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.BlockingWaitId).WithLocation(0).WithMessage(
                "'.Result' on 'seats' blocks the room thread in handler 'Joined' of room 'LobbyRoom' until the task completes: every client of the room stalls meanwhile, and it deadlocks if the task needs the room thread to finish; await it instead and make the handler async (returning ValueTask or Task)"));

    [Fact]
    public Task Wait_GetResult_and_ConfigureAwait_GetResult_in_handlers_are_reported() =>
        Verify<BlockingCallAnalyzer>.AnalyzerAsync(Usings + """
            public sealed record Move(int Cell);

            [GathoRoom("board")]
            public partial class BoardRoom
            {
                private static Task Save() => Task.CompletedTask;
                private static ValueTask<bool> Check(AuthRequest request) => new(true);

                [OnMessage]
                void Moved(IRoomClient client, Move move) => {|GATHO2001:Save().Wait()|};

                [OnAuth]
                AuthResult Auth(AuthRequest request) => {|GATHO2001:Check(request).GetAwaiter().GetResult()|} ? AuthResult.Ok() : AuthResult.Fail("no");

                [OnShutdown]
                async Task Stopping()
                {
                    await Task.Yield();
                    {|GATHO2001:Save().ConfigureAwait(false).GetAwaiter().GetResult()|};
                }
            }
            """);

    [Fact]
    public Task Task_WaitAll_and_WaitAny_in_a_handler_are_reported_with_the_tasks() =>
        Verify<BlockingCallAnalyzer>.AnalyzerAsync(
            Usings + """
            [GathoRoom("many")]
            public partial class ManyRoom
            {
                private readonly Task first = Task.CompletedTask;
                private readonly Task second = Task.CompletedTask;

                [OnLeave]
                void Left(IRoomClient client)
                {
                    {|#0:Task.WaitAll(first, second)|};
                    _ = {|#1:Task.WaitAny(first)|};
                }
            }
            """,
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.BlockingWaitId).WithLocation(0)
                .WithArguments("Task.WaitAll(...)", "first, second", "handler 'Left' of room 'ManyRoom'", "await it instead and make the handler async (returning ValueTask or Task)"),
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.BlockingWaitId).WithLocation(1)
                .WithArguments("Task.WaitAny(...)", "first", "handler 'Left' of room 'ManyRoom'", "await it instead and make the handler async (returning ValueTask or Task)"));

    [Fact]
    public Task RoomCallbacks_lambdas_method_groups_local_functions_and_timer_callbacks_are_reported() =>
        Verify<BlockingCallAnalyzer>.AnalyzerAsync(
            Usings + """
            public static class Rooms
            {
                private static readonly Task<string> Motd = Task.FromResult("hi");

                public static RoomCallbacks Build()
                {
                    void Dropped(IRoom room, IRoomClient client, int code) => _ = {|#1:Motd.Result|};

                    return new RoomCallbacks
                    {
                        OnJoin = (room, client) => { {|#0:Motd.Wait()|}; },
                        OnLeave = Left,
                        OnDrop = Dropped,
                        OnStart = room => room.Schedule(TimeSpan.FromSeconds(1), () => _ = {|#3:Motd.Result|}),
                    };
                }

                private static void Left(IRoom room, IRoomClient client) => _ = {|#2:Motd.GetAwaiter().GetResult()|};
            }
            """,
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.BlockingWaitId).WithLocation(0)
                .WithArguments(".Wait()", "Motd", "the RoomCallbacks.OnJoin callback", "await it instead in an async callback assigned to 'OnJoinAsync'"),
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.BlockingWaitId).WithLocation(1)
                .WithArguments(".Result", "Motd", "'Dropped', given as the RoomCallbacks.OnDrop callback", "await it instead in an async callback assigned to 'OnDropAsync'"),
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.BlockingWaitId).WithLocation(2)
                .WithArguments("GetAwaiter().GetResult()", "Motd", "'Left', given as the RoomCallbacks.OnLeave callback", "await it instead in an async callback assigned to 'OnLeaveAsync'"),
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.BlockingWaitId).WithLocation(3)
                .WithArguments(".Result", "Motd", "a callback given to IRoom.Schedule", "await it instead, from an async handler or an async callback given to IRoom.Post"));

    [Fact]
    public Task An_IRoomBehavior_method_of_a_hand_written_room_is_a_room_handler() =>
        Verify<BlockingCallAnalyzer>.AnalyzerAsync(Usings + """
            public sealed class EchoRoom : RoomBehavior
            {
                private readonly Task warmUp = Task.CompletedTask;

                public override ValueTask OnJoinAsync(IRoom room, IRoomClient client)
                {
                    {|GATHO2001:warmUp.Wait()|};
                    return default;
                }

                public void Unrelated() => warmUp.Wait();
            }
            """);

    [Fact]
    public Task Waits_outside_handlers_awaits_non_task_Result_and_nested_lambdas_are_not_reported() =>
        Verify<BlockingCallAnalyzer>.AnalyzerAsync(Usings + """
            public sealed class Outcome
            {
                public int Result { get; init; }
            }

            [GathoRoom("quiet")]
            public partial class QuietRoom
            {
                private readonly Task<int> seats = Task.FromResult(4);

                // Not a handler: a helper of the room, called from anywhere.
                public int Seats() => seats.Result;

                [OnJoin]
                async ValueTask Joined(IRoomClient client)
                {
                    var free = await seats;
                    var outcome = new Outcome { Result = free }.Result;

                    // Runs on the thread pool, not on the room thread.
                    _ = Task.Run(() => seats.Result);
                }
            }

            public static class Tools
            {
                private static readonly Task<int> Count = Task.FromResult(1);

                public static int Read() => Count.Result;

                public static Action<IRoom> NotACallback() => room => Count.Wait();
            }
            """);
}
