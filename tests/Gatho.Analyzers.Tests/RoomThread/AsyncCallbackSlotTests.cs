using Gatho.Analyzers.RoomThread;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.RoomThread;

/// <summary>GATHO2003: async callbacks in the synchronous RoomCallbacks members.</summary>
public sealed class AsyncCallbackSlotTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Gatho;

        """;

    [Fact]
    public Task An_async_lambda_in_OnDrop_is_reported_on_the_assignment_with_its_async_counterpart() =>
        Verify<AsyncCallbackSlotAnalyzer>.AnalyzerAsync(
            Usings + """
            public static class Rooms
            {
                public static RoomCallbacks Build() => new()
                {
                    {|#0:OnDrop = async (room, client, code) =>
                    {
                        await Task.Yield();
                        client.AllowReconnection(TimeSpan.FromSeconds(30));
                    }|},
                    OnJoin = delegate (IRoom room, IRoomClient client) { },
                };
            }
            """,
            Verify<AsyncCallbackSlotAnalyzer>.Diagnostic().WithLocation(0).WithMessage(
                "The async callback assigned to 'RoomCallbacks.OnDrop' becomes async void: the room does not wait for it, so everything after its first await runs after the room has moved on (an AllowReconnection in OnDrop comes too late: the client has already left); assign it to 'OnDropAsync', which the room awaits"));

    [Fact]
    public Task Async_anonymous_methods_and_async_void_method_groups_are_reported_and_a_taken_counterpart_is_named() =>
        Verify<AsyncCallbackSlotAnalyzer>.AnalyzerAsync(
            Usings + """
            public static class Rooms
            {
                public static RoomCallbacks Build() => new()
                {
                    {|#0:OnJoin = async delegate (IRoom room, IRoomClient client) { await Task.Yield(); }|},
                    {|#1:OnLeave = Left|},
                    {|#2:OnShutdown = async room => await Task.Yield()|},
                    OnShutdownAsync = room => default,
                };

                private static async void Left(IRoom room, IRoomClient client) => await Task.Yield();
            }
            """,
            Verify<AsyncCallbackSlotAnalyzer>.Diagnostic().WithLocation(0).WithArguments("OnJoin", "assign it to 'OnJoinAsync', which the room awaits"),
            Verify<AsyncCallbackSlotAnalyzer>.Diagnostic().WithLocation(1).WithArguments("OnLeave", "make 'Left' return ValueTask and assign it to 'OnLeaveAsync', which the room awaits"),
            Verify<AsyncCallbackSlotAnalyzer>.Diagnostic().WithLocation(2).WithArguments("OnShutdown", "'OnShutdownAsync' is set as well (the room refuses both): move this code into 'OnShutdownAsync'"));

    [Fact]
    public Task Async_lambdas_in_async_members_sync_lambdas_and_other_Action_properties_are_not_reported() =>
        Verify<AsyncCallbackSlotAnalyzer>.AnalyzerAsync(Usings + """
            public sealed class Hooks
            {
                public Action<IRoom>? OnStart { get; init; }
            }

            public static class Rooms
            {
                public static RoomCallbacks Build() => new()
                {
                    OnDropAsync = async (room, client, code) =>
                    {
                        await Task.Yield();
                        client.AllowReconnection(TimeSpan.FromSeconds(30));
                    },
                    OnJoin = (room, client) => room.Broadcast("joined"),
                    OnStart = Started,
                };

                public static Hooks Other() => new() { OnStart = async room => await Task.Yield() };

                private static void Started(IRoom room) { }
            }
            """);
}
