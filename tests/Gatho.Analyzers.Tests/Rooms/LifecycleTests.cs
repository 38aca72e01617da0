using Gatho.Analyzers.Rooms;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.Rooms;

/// <summary>GATHO1007: two methods with one lifecycle attribute, reported on the second.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public Task Two_OnJoin_methods_are_reported_at_the_second_naming_both() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            [GathoRoom("lobby")]
            public partial class LobbyRoom
            {
                [OnJoin] void Greet(IRoomClient client) { }

                [OnJoin] void {|#0:Count|}(IRoomClient client) { }
            }
            """,
            Verify<RoomModelAnalyzer>.Diagnostic("GATHO1007").WithLocation(0).WithArguments("OnJoin", "LobbyRoom", "Greet", "Count"));

    [Fact]
    public Task One_method_of_each_lifecycle_kind_is_fine() =>
        Verify<RoomModelAnalyzer>.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Gatho;

            [GathoRoom("lobby")]
            public partial class LobbyRoom
            {
                [OnStart] void Start() { }
                [OnAuth] AuthResult Auth(AuthRequest request) => AuthResult.Ok();
                [OnJoin] void Join(IRoomClient client) { }
                [OnDrop] void Drop(IRoomClient client, int closeCode) { }
                [OnReconnect] ValueTask Reconnect(IRoomClient client) => default;
                [OnLeave] Task Leave(IRoomClient client) => Task.CompletedTask;
                [OnShutdown] void Shutdown() { }
            }
            """);
}
