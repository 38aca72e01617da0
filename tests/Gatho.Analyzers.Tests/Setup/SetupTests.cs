using Gatho.Analyzers.Clients;
using Gatho.Analyzers.Tests.Support;

namespace Gatho.Analyzers.Tests.Setup;

/// <summary>GATHO0001: a typed client in a project that does not reference Gatho.Client.</summary>
public sealed class SetupTests
{
    private const string Source = """
        using Gatho;

        [GathoRoom("lobby")]
        public partial class LobbyRoom
        {
        }

        [{|#0:GathoClient|}(typeof(LobbyRoom))]
        public partial class LobbyClient;
        """;

    [Fact]
    public Task A_typed_client_without_Gatho_Client_is_reported_at_the_attribute() =>
        Verify<ClientModelAnalyzer>.AnalyzerWithoutAsync(
            "Gatho.Client.dll",
            Source,
            Verify<ClientModelAnalyzer>.Diagnostic("GATHO0001").WithLocation(0).WithArguments("LobbyClient"));

    [Fact]
    public Task A_typed_client_with_Gatho_Client_is_fine() =>
        Verify<ClientModelAnalyzer>.AnalyzerAsync(Source.Replace("{|#0:GathoClient|}", "GathoClient", StringComparison.Ordinal));
}
