using Gatho.Analyzers.Rooms;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.Messages;

/// <summary>GATHO1101: two handlers for one message type (or two raw text / raw bytes handlers), reported on the second.</summary>
public sealed class HandlerTests
{
    [Fact]
    public Task Two_handlers_of_one_message_type_are_reported_at_the_second() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            namespace Game;

            public sealed record Move(int Cell);

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place(IRoomClient client, Move move) { }
                [OnMessage] void {|#0:Log|}(IRoomClient client, Move move) { }
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1101").WithLocation(0).WithArguments("Game.Move", "Place", "Log"));

    [Fact]
    public Task Two_raw_text_handlers_are_reported() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using System;
            using Gatho;

            [GathoRoom("raw")]
            public partial class RawRoom
            {
                [OnMessage] void Text(IRoomClient client, string text) { }
                [OnMessage] void {|#0:Echo|}(IRoomClient client, string text) { }
                [OnMessage] void Bytes(IRoomClient client, ReadOnlyMemory<byte> data) { }
                [OnMessage] void {|#1:Dump|}(IRoomClient client, ReadOnlyMemory<byte> data) { }
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1101").WithLocation(0).WithArguments("raw text (string)", "Text", "Echo"),
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1101").WithLocation(1).WithArguments("raw bytes (ReadOnlyMemory<byte>)", "Bytes", "Dump"));

    [Fact]
    public Task One_handler_per_message_type_plus_one_text_and_one_bytes_handler_is_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using System;
            using Gatho;

            public sealed record Move(int Cell);
            public sealed record Chat(string Text);

            [GathoRoom("game")]
            public partial class GameRoom
            {
                [OnMessage] void Place(IRoomClient client, Move move) { }
                [OnMessage] void Say(IRoomClient client, Chat chat) { }
                [OnMessage] void Text(IRoomClient client, string text) { }
                [OnMessage] void Bytes(IRoomClient client, ReadOnlyMemory<byte> data) { }
            }
            """);
}
