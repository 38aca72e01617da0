using Gatho.Analyzers.CodeFixes.RoomThread;
using Gatho.Analyzers.RoomThread;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.RoomThread;

/// <summary>The GATHO2001 and GATHO2003 code fixes: the fixed sources, and the cases that get no fix.</summary>
public sealed class RoomThreadFixTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Gatho;

        """;

    [Fact]
    public Task Result_in_a_void_handler_becomes_await_in_an_async_ValueTask_handler() =>
        Verify<BlockingCallAnalyzer>.CodeFixAsync<AwaitInsteadOfBlockingFix>(
            Usings + """
            [GathoRoom("lobby")]
            public partial class LobbyRoom
            {
                private readonly Task<int> seats = Task.FromResult(4);

                [OnJoin]
                private void Joined(IRoomClient client)
                {
                    var free = {|GATHO2001:seats.Result|} + 1;
                }
            }
            """,
            Usings + """
            [GathoRoom("lobby")]
            public partial class LobbyRoom
            {
                private readonly Task<int> seats = Task.FromResult(4);

                [OnJoin]
                private async ValueTask Joined(IRoomClient client)
                {
                    var free = await seats + 1;
                }
            }
            """);

    [Fact]
    public Task GetResult_in_OnAuth_becomes_await_in_a_ValueTask_of_AuthResult_handler() =>
        Verify<BlockingCallAnalyzer>.CodeFixAsync<AwaitInsteadOfBlockingFix>(
            Usings + """
            [GathoRoom("gate")]
            public partial class GateRoom
            {
                private static Task<bool> Allowed(AuthRequest request) => Task.FromResult(true);

                [OnAuth] AuthResult Auth(AuthRequest request) => {|GATHO2001:Allowed(request).GetAwaiter().GetResult()|} ? AuthResult.Ok() : AuthResult.Fail("no");
            }
            """,
            Usings + """
            [GathoRoom("gate")]
            public partial class GateRoom
            {
                private static Task<bool> Allowed(AuthRequest request) => Task.FromResult(true);

                [OnAuth] async ValueTask<AuthResult> Auth(AuthRequest request) => await Allowed(request) ? AuthResult.Ok() : AuthResult.Fail("no");
            }
            """);

    [Fact]
    public Task In_an_async_handler_only_the_wait_changes_and_ConfigureAwait_false_is_dropped() =>
        Verify<BlockingCallAnalyzer>.CodeFixAsync<AwaitInsteadOfBlockingFix>(
            Usings + """
            [GathoRoom("saver")]
            public partial class SaverRoom
            {
                private static Task Save() => Task.CompletedTask;

                [OnLeave]
                async Task Left(IRoomClient client)
                {
                    await Task.Yield();
                    {|GATHO2001:Save().ConfigureAwait(false).GetAwaiter().GetResult()|};
                }
            }
            """,
            Usings + """
            [GathoRoom("saver")]
            public partial class SaverRoom
            {
                private static Task Save() => Task.CompletedTask;

                [OnLeave]
                async Task Left(IRoomClient client)
                {
                    await Task.Yield();
                    await Save();
                }
            }
            """);

    [Fact]
    public Task Wait_in_a_synchronous_RoomCallbacks_lambda_moves_it_to_the_async_member() =>
        Verify<BlockingCallAnalyzer>.CodeFixAsync<AwaitInsteadOfBlockingFix>(
            Usings + """
            public static class Rooms
            {
                private static Task Load() => Task.CompletedTask;

                public static RoomCallbacks Build() => new()
                {
                    OnJoin = (room, client) =>
                    {
                        {|GATHO2001:Load().Wait()|};
                        room.Broadcast("joined");
                    },
                };
            }
            """,
            Usings + """
            public static class Rooms
            {
                private static Task Load() => Task.CompletedTask;

                public static RoomCallbacks Build() => new()
                {
                    OnJoinAsync = async (room, client) =>
                    {
                        await Load();
                        room.Broadcast("joined");
                    },
                };
            }
            """);

    [Fact]
    public Task Shapes_that_need_more_than_one_rewrite_get_no_fix() =>
        Verify<BlockingCallAnalyzer>.CodeFixAsync<AwaitInsteadOfBlockingFix>(
            NoFixSource,
            NoFixSource,
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.BlockingWaitId).WithLocation(0).WithArguments(".Wait(...)", "Load()", "handler 'Joined' of room 'TidyRoom'", "await it instead and make the handler async (returning ValueTask or Task)"),
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.BlockingWaitId).WithLocation(1).WithArguments(".Result", "Count()", "handler 'Left' of room 'TidyRoom'", "await it instead and make the handler async (returning ValueTask or Task)"),
            Verify<BlockingCallAnalyzer>.Diagnostic(RoomThreadRules.BlockingWaitId).WithLocation(2).WithArguments(".Result", "Count()", "handler 'Stopping' of room 'TidyRoom'", "await it instead and make the handler async (returning ValueTask or Task)"));

    [Fact]
    public Task An_async_lambda_in_OnDrop_moves_to_OnDropAsync() =>
        Verify<AsyncCallbackSlotAnalyzer>.CodeFixAsync<UseAsyncCallbackSlotFix>(
            Usings + """
            public static class Rooms
            {
                public static RoomCallbacks Build() => new()
                {
                    {|GATHO2003:OnDrop = async (room, client, code) =>
                    {
                        await Task.Yield();
                        client.AllowReconnection(TimeSpan.FromSeconds(30));
                    }|},
                };
            }
            """,
            Usings + """
            public static class Rooms
            {
                public static RoomCallbacks Build() => new()
                {
                    OnDropAsync = async (room, client, code) =>
                    {
                        await Task.Yield();
                        client.AllowReconnection(TimeSpan.FromSeconds(30));
                    },
                };
            }
            """);

    [Fact]
    public Task An_async_void_method_group_or_a_taken_counterpart_gets_no_fix() =>
        Verify<AsyncCallbackSlotAnalyzer>.CodeFixAsync<UseAsyncCallbackSlotFix>(
            SlotNoFixSource,
            SlotNoFixSource);

    // Wait with a timeout returns a bool; a lock body cannot await; a Task-returning method that is not async has returns to rewrite.
    private const string NoFixSource = Usings + """
        [GathoRoom("tidy")]
        public partial class TidyRoom
        {
            private readonly object gate = new();

            private static Task Load() => Task.CompletedTask;

            private static Task<int> Count() => Task.FromResult(1);

            [OnJoin]
            void Joined(IRoomClient client) => _ = {|#0:Load().Wait(100)|};

            [OnLeave]
            void Left(IRoomClient client)
            {
                lock (gate)
                {
                    _ = {|#1:Count().Result|};
                }
            }

            [OnShutdown]
            Task Stopping()
            {
                _ = {|#2:Count().Result|};
                return Task.CompletedTask;
            }
        }
        """;

    private const string SlotNoFixSource = Usings + """
        public static class Rooms
        {
            public static RoomCallbacks Build() => new()
            {
                {|GATHO2003:OnLeave = Left|},
                {|GATHO2003:OnShutdown = async room => await Task.Yield()|},
                OnShutdownAsync = room => default,
            };

            private static async void Left(IRoom room, IRoomClient client) => await Task.Yield();
        }
        """;
}
