using Gatho.Analyzers.Rooms;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.Rooms;

/// <summary>GATHO1003–1005: generic and static room classes, invalid room types.</summary>
public sealed class DeclarationTests
{
    [Fact]
    public Task A_generic_room_is_reported_at_its_type_parameters() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoRoom("board")]
            public partial class BoardRoom{|GATHO1003:<TCell>|}
            {
            }
            """);

    [Fact]
    public Task A_room_in_a_generic_type_is_not_generic_itself_and_a_generic_base_class_is_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            public abstract class Board<TCell>
            {
                protected TCell[] Cells { get; } = new TCell[9];
            }

            [GathoRoom("board")]
            public partial class BoardRoom : Board<int>
            {
            }
            """);

    [Fact]
    public Task A_static_room_is_reported_at_static() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoRoom("lobby")]
            public {|GATHO1004:static|} partial class LobbyRoom
            {
            }
            """);

    [Fact]
    public Task A_sealed_room_is_not_reported() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoRoom("lobby")]
            public sealed partial class LobbyRoom
            {
            }
            """);

    [Fact]
    public Task An_empty_room_type_is_reported_at_the_argument_with_the_value() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            [GathoRoom({|#0:" "|})]
            public partial class LobbyRoom
            {
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1005").WithLocation(0).WithArguments("LobbyRoom", "\" \"", "it is empty"));

    [Fact]
    public Task A_room_type_longer_than_the_drivers_store_is_reported() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync($$"""
            using Gatho;

            [GathoRoom({|GATHO1005:"{{new string('r', 129)}}"|})]
            public partial class LobbyRoom
            {
            }
            """);

    [Fact]
    public Task A_room_type_of_128_characters_is_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync($$"""
            using Gatho;

            [GathoRoom("{{new string('r', 128)}}")]
            public partial class LobbyRoom
            {
            }
            """);
}
