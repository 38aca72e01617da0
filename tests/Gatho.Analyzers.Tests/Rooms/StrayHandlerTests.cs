using Gatho.Analyzers.Rooms;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.Rooms;

/// <summary>GATHO1012: an <c>[On…]</c> method the generator never binds because its class is not a room.</summary>
public sealed class StrayHandlerTests
{
    [Fact]
    public Task A_handler_in_a_base_class_of_a_room_is_reported() =>
        Verify<StrayHandlerAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            public class RoomBase
            {
                [OnJoin] protected void {|#0:Join|}(IRoomClient client) { }
            }

            [GathoRoom("lobby")]
            public partial class LobbyRoom : RoomBase
            {
            }
            """,
            Verify<StrayHandlerAnalyzer>.Diagnostic().WithLocation(0).WithArguments("OnJoin", "Join", "RoomBase"));

    [Fact]
    public Task A_message_handler_in_a_helper_class_is_reported() =>
        Verify<StrayHandlerAnalyzer>.AnalyzerAsync("""
            using Gatho;

            public sealed record Move(int Cell);

            public static class Handlers
            {
                [OnMessage] public static void {|GATHO1012:Place|}(IRoomClient client, Move move) { }
            }
            """);

    [Fact]
    public Task Handlers_in_a_room_and_plain_methods_elsewhere_are_fine() =>
        Verify<StrayHandlerAnalyzer>.AnalyzerAsync("""
            using Gatho;

            public class RoomBase
            {
                protected void Greet(IRoomClient client) { }
            }

            [GathoRoom("lobby")]
            public partial class LobbyRoom : RoomBase
            {
                [OnJoin] void Join(IRoomClient client) => Greet(client);
            }
            """);
}
