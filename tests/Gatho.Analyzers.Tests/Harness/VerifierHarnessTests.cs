using System.Collections.Immutable;
using Gatho.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatho.Analyzers.Tests.Harness;

/// <summary>
/// The verifier is set up as a user's project: the generator runs (a room may use generated members such as
/// <c>Clients</c>) and compiler errors are diagnostics a test must expect. Checked with a probe analyzer of its own.
/// </summary>
public sealed class VerifierHarnessTests
{
    [Fact]
    public Task A_room_using_generated_members_compiles_and_the_probe_reports_at_its_span() =>
        Verify<ProbeAnalyzer>.AnalyzerAsync("""
            using Gatho;

            [GathoRoom("probe")]
            public partial class {|PROBE0001:ProbeRoom|}
            {
                [OnJoin]
                public void Join(IRoomClient client) => _ = Clients.Count;
            }
            """);

    [Fact]
    public async Task A_compiler_error_the_test_does_not_expect_fails_it()
    {
        var failure = await Record.ExceptionAsync(() => Verify<ProbeAnalyzer>.AnalyzerAsync("public class Broken { int x = ; }"));
        Assert.NotNull(failure);
    }

    // A test-only probe the verifier runs in-process; no compiler ever loads it, so the rules for shipped analyzers
    // (netstandard2.0, no Workspaces, release tracking) do not apply.
#pragma warning disable RS1036, RS1038, RS1041, RS2008
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ProbeAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("PROBE0001", "probe", "probe {0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(
                c =>
                {
                    if (c.Symbol.Name.StartsWith("Probe", StringComparison.Ordinal) && c.Symbol.Locations[0].IsInSource)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, c.Symbol.Locations[0], c.Symbol.Name));
                    }
                },
                SymbolKind.NamedType);
        }
    }
#pragma warning restore RS1036, RS1038, RS1041, RS2008
}
