using Gatho.Analyzers.CodeFixes.Declarations;
using Gatho.Analyzers.Rooms;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.Rooms;

/// <summary>GATHO1001/1002: a room, or a type containing one, without <c>partial</c>; the fix adds it.</summary>
public sealed class NotPartialTests
{
    [Fact]
    public Task A_room_without_partial_is_reported_at_its_name() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoRoom("lobby")]
            public class {|GATHO1001:LobbyRoom|}
            {
            }
            """);

    [Fact]
    public Task The_message_names_the_room_and_says_what_to_write() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            [GathoRoom("lobby")]
            public class {|#0:LobbyRoom|}
            {
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1001").WithLocation(0)
                .WithMessage("Room 'LobbyRoom' must be partial: write 'partial class LobbyRoom' so the generator can add its glue, dispatch and send helpers"));

    [Fact]
    public Task A_partial_room_is_not_reported() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoRoom("lobby")]
            public sealed partial class LobbyRoom
            {
                [OnJoin]
                public void Join(IRoomClient client) => _ = Clients.Count;
            }
            """);

    [Fact]
    public Task A_containing_type_without_partial_is_reported_at_its_name() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            public static class {|GATHO1002:Rooms|}
            {
                [GathoRoom("lobby")]
                public partial class LobbyRoom
                {
                }
            }
            """);

    [Fact]
    public Task The_fix_adds_partial_after_the_other_modifiers() =>
        Verify<RoomModelAnalyzer>.CodeFixAsync<AddPartialFix>(
            """
            using Gatho;

            [GathoRoom("lobby")]
            public sealed class {|GATHO1001:LobbyRoom|}
            {
                [OnJoin]
                public void Join(IRoomClient client) => _ = {|CS0103:Clients|}.Count;
            }
            """,
            """
            using Gatho;

            [GathoRoom("lobby")]
            public sealed partial class LobbyRoom
            {
                [OnJoin]
                public void Join(IRoomClient client) => _ = Clients.Count;
            }
            """);

    [Fact]
    public Task The_fix_keeps_a_doc_comment_in_front_when_there_is_no_modifier() =>
        Verify<RoomModelAnalyzer>.CodeFixAsync<AddPartialFix>(
            """
            using Gatho;

            namespace Game
            {
                /// <summary>The lobby.</summary>
                [GathoRoom("lobby")]
                class {|GATHO1001:LobbyRoom|}
                {
                }
            }
            """,
            """
            using Gatho;

            namespace Game
            {
                /// <summary>The lobby.</summary>
                [GathoRoom("lobby")]
                partial class LobbyRoom
                {
                }
            }
            """);

    [Fact]
    public Task The_fix_makes_a_containing_type_partial() =>
        Verify<RoomModelAnalyzer>.CodeFixAsync<AddPartialFix>(
            """
            using Gatho;

            public static class {|GATHO1002:Rooms|}
            {
                [GathoRoom("lobby")]
                public partial class LobbyRoom
                {
                }
            }
            """,
            """
            using Gatho;

            public static partial class Rooms
            {
                [GathoRoom("lobby")]
                public partial class LobbyRoom
                {
                }
            }
            """);
}
