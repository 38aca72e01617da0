using System.Globalization;
using Gatho.Analyzers.Messages;
using Gatho.Analyzers.Rooms;
using Gatho.Analyzers.Tests.Support;
using Gatho.Typed;

namespace Gatho.Analyzers.Tests.Messages;

/// <summary>GATHO1102 (two types of one room with one id) and GATHO1103 (one explicit id on two types).</summary>
public sealed class IdTests
{
    [Fact]
    public Task Two_explicit_ids_in_one_room_name_both_types_and_the_id() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            namespace Game;

            [GathoMessage(Id = 7)] public sealed record Move(int Cell);
            [GathoMessage({|#0:Id = 7|})] public sealed record Chat(string Text);

            [GathoRoom("game")]
            [Sends(typeof(Chat))]
            public partial class GameRoom
            {
                [OnMessage] void Place(IRoomClient client, Move move) { }
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1102").WithLocation(0).WithArguments("Game.Chat", "Game.Move", "7", "GameRoom"));

    [Fact]
    public Task An_explicit_id_equal_to_another_types_name_hash_is_reported_at_the_explicit_id()
    {
        var hash = MessageIds.Of("Game.Chat").ToString(CultureInfo.InvariantCulture);
        return Verify<RoomModelAnalyzer>.AnalyzerAsync($$"""
            using Gatho;

            namespace Game;

            [GathoMessage({|GATHO1102:Id = {{hash}}|})] public sealed record Move(int Cell);
            public sealed record Chat(string Text);

            [GathoRoom("game")]
            [Sends(typeof(Chat))]
            public partial class GameRoom
            {
                [OnMessage] void Place(IRoomClient client, Move move) { }
            }
            """);
    }

    [Fact]
    public Task One_id_in_two_rooms_is_not_a_collision() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoMessage(Id = 7)] public sealed record Move(int Cell);
            [GathoMessage(Id = 7)] public sealed record Chat(string Text);

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place(IRoomClient client, Move move) { }
            }

            [GathoRoom("chat")]
            public partial class ChatRoom
            {
                [OnMessage] void Say(IRoomClient client, Chat chat) { }
            }
            """);

    [Fact]
    public Task One_explicit_id_on_two_types_is_a_warning_on_both() =>
        Verify<ExplicitIdAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            namespace Game;

            [GathoMessage({|#0:Id = 7|})] public sealed record Move(int Cell);
            [GathoMessage({|#1:Id = 7|})] public sealed record Chat(string Text);
            """,
            Verify<ExplicitIdAnalyzer>.Diagnostic().WithLocation(0).WithArguments("Game.Move", "7", "Game.Chat"),
            Verify<ExplicitIdAnalyzer>.Diagnostic().WithLocation(1).WithArguments("Game.Chat", "7", "Game.Move"));

    [Fact]
    public Task Distinct_explicit_ids_and_messages_without_one_are_fine() =>
        Verify<ExplicitIdAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoMessage(Id = 7)] public sealed record Move(int Cell);
            [GathoMessage(Id = 8)] public sealed record Chat(string Text);
            [GathoMessage] public sealed record Ping(int N);
            public sealed record Pong(int N);
            """);
}
