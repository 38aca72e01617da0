using Gatho.Analyzers.Clients;
using Gatho.Analyzers.CodeFixes.Declarations;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.Clients;

/// <summary>GATHO1201–1203: typed client declarations, and the partial fix.</summary>
public sealed class ClientTests
{
    private const string Room = """
        [GathoRoom("lobby")]
        public partial class LobbyRoom
        {
        }
        """;

    [Fact]
    public Task A_client_without_partial_is_reported_at_its_name() =>
        Verify<ClientModelAnalyzer>.AnalyzerAsync($$"""
            using Gatho;

            {{Room}}

            [GathoClient(typeof(LobbyRoom))]
            public class {|GATHO1201:LobbyClient|}
            {
            }
            """);

    [Fact]
    public Task A_partial_client_of_a_room_is_fine() =>
        Verify<ClientModelAnalyzer>.AnalyzerAsync($$"""
            using Gatho;

            {{Room}}

            [GathoClient(typeof(LobbyRoom))]
            public sealed partial class LobbyClient;
            """);

    [Fact]
    public Task The_fix_makes_the_client_partial() =>
        Verify<ClientModelAnalyzer>.CodeFixAsync<AddPartialFix>(
            $$"""
            using Gatho;

            {{Room}}

            [GathoClient(typeof(LobbyRoom))]
            public class {|GATHO1201:LobbyClient|}
            {
            }
            """,
            $$"""
            using Gatho;

            {{Room}}

            [GathoClient(typeof(LobbyRoom))]
            public partial class LobbyClient
            {
            }
            """);

    [Fact]
    public Task A_client_naming_a_class_that_is_not_a_room_is_reported_at_the_typeof() =>
        Verify<ClientModelAnalyzer>.AnalyzerAsync(
            """
            using Gatho;

            namespace Game;

            public class Lobby { }

            [GathoClient({|#0:typeof(Lobby)|})]
            public partial class LobbyClient;
            """,
            Verify<ClientModelAnalyzer>.Diagnostic("GATHO1202").WithLocation(0).WithArguments("LobbyClient", "Game.Lobby"));

    [Fact]
    public Task A_client_in_a_non_partial_type_is_reported_at_that_type_and_fixed() =>
        Verify<ClientModelAnalyzer>.CodeFixAsync<AddPartialFix>(
            $$"""
            using Gatho;

            {{Room}}

            public static class {|GATHO1203:Clients|}
            {
                [GathoClient(typeof(LobbyRoom))]
                public partial class LobbyClient;
            }
            """,
            $$"""
            using Gatho;

            {{Room}}

            public static partial class Clients
            {
                [GathoClient(typeof(LobbyRoom))]
                public partial class LobbyClient;
            }
            """);

    [Fact]
    public Task A_static_client_is_reported_at_static() =>
        Verify<ClientModelAnalyzer>.AnalyzerAsync($$"""
            using Gatho;

            {{Room}}

            [GathoClient(typeof(LobbyRoom))]
            public {|GATHO1204:static|} partial class LobbyClient;
            """);

    [Fact]
    public Task An_abstract_or_sealed_client_is_fine() =>
        Verify<ClientModelAnalyzer>.AnalyzerAsync($$"""
            using Gatho;

            {{Room}}

            [GathoClient(typeof(LobbyRoom))]
            public abstract partial class LobbyClient;

            [GathoClient(typeof(LobbyRoom))]
            public sealed partial class OtherLobbyClient;
            """);
}
