using Gatho.Analyzers.CodeFixes.Handlers;
using Gatho.Analyzers.Rooms;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.Rooms;

/// <summary>GATHO1008–1011: parameters, return types, async void and type parameters of handlers, and their fixes.</summary>
public sealed class HandlerSignatureTests
{
    private const string Move = "public sealed record Move(int Cell);";

    [Fact]
    public Task A_message_handler_without_the_client_is_reported_at_its_parameter_list() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            $$"""
            using Gatho;

            {{Move}}

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place{|#0:(Move move)|} { }
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1008").WithLocation(0).WithArguments("OnMessage", "Place", "(IRoomClient client, TMessage message)"));

    [Fact]
    public Task A_drop_handler_with_or_without_the_close_code_is_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnDrop] void Drop(IRoomClient client) { }
            }

            [GathoRoom("game2")]
            public partial class OtherRoom
            {
                [OnDrop] void Drop(IRoomClient client, int closeCode) { }
            }
            """);

    [Fact]
    public Task Lifecycle_handlers_with_wrong_parameters_are_reported() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnStart] void Start{|GATHO1008:(int seed)|} { }
                [OnAuth] AuthResult Auth{|GATHO1008:(string token)|} => AuthResult.Ok();
                [OnJoin] void Join{|GATHO1008:(string who)|} { }
                [OnDrop] void Drop{|GATHO1008:(IRoomClient client, string code)|} { }
            }
            """);

    [Fact]
    public Task Ref_and_out_parameters_are_reported_and_in_and_static_handlers_are_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync($$"""
            using Gatho;

            {{Move}}
            public sealed record Chat(string Text);

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place{|GATHO1008:(IRoomClient client, ref Move move)|} { }
                [OnJoin] void Join{|GATHO1008:(out IRoomClient client)|} => client = null!;
                [OnLeave] static void Leave(in IRoomClient client) { }
                [OnMessage] static void Say(IRoomClient client, in Chat chat) { }
            }
            """);

    [Fact]
    public Task The_fix_adds_the_client_to_a_message_handler() =>
        Verify<RoomModelAnalyzer>.CodeFixAsync<AddClientParameterFix>(
            $$"""
            using Gatho;

            {{Move}}

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place{|GATHO1008:(Move move)|} { }
            }
            """,
            $$"""
            using Gatho;

            {{Move}}

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place(IRoomClient client, Move move) { }
            }
            """);

    [Fact]
    public Task The_fix_adds_the_client_to_a_join_handler_without_parameters() =>
        Verify<RoomModelAnalyzer>.CodeFixAsync<AddClientParameterFix>(
            """
            using Gatho;

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnJoin] void Join{|GATHO1008:()|} { }
            }
            """,
            """
            using Gatho;

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnJoin] void Join(IRoomClient client) { }
            }
            """);

    [Fact]
    public Task No_fix_is_offered_where_the_parameters_need_judgment() =>
        Verify<RoomModelAnalyzer>.CodeFixAsync<AddClientParameterFix>(
            """
            using Gatho;

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnJoin] void Join{|GATHO1008:(string who)|} { }
            }
            """,
            """
            using Gatho;

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnJoin] void Join{|GATHO1008:(string who)|} { }
            }
            """);

    [Fact]
    public Task A_handler_returning_a_value_is_reported_at_its_return_type() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            $$"""
            using System.Threading.Tasks;
            using Gatho;

            {{Move}}

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] {|#0:int|} Place(IRoomClient client, Move move) => 0;
                [OnLeave] {|#1:ValueTask<int>|} Leave(IRoomClient client) => default;
                [OnAuth] {|#2:bool|} Auth(AuthRequest request) => true;
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1009").WithLocation(0).WithArguments("OnMessage", "Place", "void, ValueTask or Task", "int"),
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1009").WithLocation(1).WithArguments("OnLeave", "Leave", "void, ValueTask or Task", "System.Threading.Tasks.ValueTask<int>"),
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1009").WithLocation(2).WithArguments("OnAuth", "Auth", "AuthResult, ValueTask<AuthResult> or Task<AuthResult>", "bool"));

    [Fact]
    public Task Every_supported_return_type_is_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync($$"""
            using System.Threading.Tasks;
            using Gatho;

            {{Move}}
            public sealed record Chat(string Text);
            public sealed record Ping(int N);

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place(IRoomClient client, Move move) { }
                [OnMessage] async Task Say(IRoomClient client, Chat chat) => await Task.Yield();
                [OnMessage] ValueTask Pong(IRoomClient client, Ping ping) => default;
                [OnAuth] Task<AuthResult> Auth(AuthRequest request) => Task.FromResult(AuthResult.Ok());
            }
            """);

    [Fact]
    public Task An_async_void_handler_is_reported_at_void() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Gatho;

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnJoin] async {|#0:void|} Join(IRoomClient client) => await Task.Yield();
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1010").WithLocation(0).WithArguments("OnJoin", "Join"));

    [Fact]
    public Task A_void_handler_that_is_not_async_is_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnJoin] void Join(IRoomClient client) { }
            }
            """);

    [Fact]
    public Task The_async_void_fix_returns_Task_and_adds_the_using() =>
        Verify<RoomModelAnalyzer>.CodeFixAsync<AsyncVoidFix>(
            """
            using Gatho;

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnJoin] async {|GATHO1010:void|} Join(IRoomClient client) => await System.Threading.Tasks.Task.Yield();
            }
            """,
            """
            using System.Threading.Tasks;
            using Gatho;

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnJoin] async Task Join(IRoomClient client) => await System.Threading.Tasks.Task.Yield();
            }
            """);

    [Fact]
    public Task The_async_void_fix_can_return_ValueTask() =>
        Verify<RoomModelAnalyzer>.CodeFixAsync<AsyncVoidFix>(
            """
            using System.Threading.Tasks;
            using Gatho;

            public sealed record Move(int Cell);

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage]
                private async {|GATHO1010:void|} Place(IRoomClient client, Move move)
                {
                    await Task.Yield();
                }
            }
            """,
            """
            using System.Threading.Tasks;
            using Gatho;

            public sealed record Move(int Cell);

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage]
                private async ValueTask Place(IRoomClient client, Move move)
                {
                    await Task.Yield();
                }
            }
            """,
            codeActionIndex: 1);

    [Fact]
    public Task A_generic_handler_is_reported_at_its_type_parameters() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync($$"""
            using Gatho;

            {{Move}}

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place{|GATHO1011:<T>|}(IRoomClient client, Move move) { }
            }
            """);
}
