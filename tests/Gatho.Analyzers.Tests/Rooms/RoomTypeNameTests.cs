using Gatho.Analyzers.Rooms;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.Rooms;

/// <summary>GATHO1006: one room type on two room classes of a compilation, reported on both, each naming the other.</summary>
public sealed class RoomTypeNameTests
{
    [Fact]
    public Task Two_rooms_with_one_room_type_are_both_reported() =>
        Verify<RoomTypeNameAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            namespace Game;

            [GathoRoom({|#0:"lobby"|})]
            public partial class LobbyRoom
            {
            }

            [GathoRoom({|#1:"lobby"|})]
            public partial class WaitingRoom
            {
            }
            """,
            Verify<RoomTypeNameAnalyzer>.Diagnostic().WithLocation(0).WithArguments("Game.LobbyRoom", "lobby", "Game.WaitingRoom"),
            Verify<RoomTypeNameAnalyzer>.Diagnostic().WithLocation(1).WithArguments("Game.WaitingRoom", "lobby", "Game.LobbyRoom"));

    [Fact]
    public Task Room_types_differing_only_in_case_are_distinct_names() =>
        Verify<RoomTypeNameAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoRoom("lobby")]
            public partial class LobbyRoom
            {
            }

            [GathoRoom("Lobby")]
            public partial class BigLobbyRoom
            {
            }
            """);
}
