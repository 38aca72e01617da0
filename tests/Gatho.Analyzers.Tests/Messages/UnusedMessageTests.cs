using Gatho.Analyzers.Messages;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.Messages;

/// <summary>GATHO1111 (info): a <c>[GathoMessage]</c> type no room of the compilation handles or sends.</summary>
public sealed class UnusedMessageTests
{
    [Fact]
    public Task A_message_type_no_room_uses_is_reported_at_its_name() =>
        Verify<UnusedMessageAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            namespace Game;

            [GathoMessage(Id = 12)]
            public sealed record {|#0:Resign|};

            [GathoRoom("game")]
            public partial class GameRoom
            {
            }
            """,
            Verify<UnusedMessageAnalyzer>.Diagnostic().WithLocation(0).WithArguments("Game.Resign"));

    [Fact]
    public Task Handled_and_sent_message_types_and_plain_records_are_fine() =>
        Verify<UnusedMessageAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoMessage] public sealed record Move(int Cell);
            [GathoMessage(Id = 5)] public sealed record Moved(int Cell);
            public sealed record NotAMessage(int X);

            [GathoRoom("game")]
            [Sends(typeof(Moved))]
            public partial class GameRoom
            {
                [OnMessage] void Place(IRoomClient client, Move move) { }
            }
            """);
}
