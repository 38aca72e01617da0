using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatho.Analyzers.Messages;

/// <summary>
/// GATHO1103: one <c>[GathoMessage(Id = n)]</c> on two types of the compilation, whether or not a room uses both yet
/// (when one does, GATHO1102 is the error). Reported at compilation end on each type's <c>Id = n</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExplicitIdAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = Reporting.Rule.AtCompilationEnd(MessageRules.ExplicitIdReuse);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var explicitIds = new ConcurrentBag<(uint Id, string Name, Location At)>();
            start.RegisterSymbolAction(
                symbol =>
                {
                    var type = (INamedTypeSymbol)symbol.Symbol;
                    if (MessageIdRule.ExplicitIdAttribute(type) is { } attribute && MessageIdRule.ExplicitId(type) is { } id)
                    {
                        explicitIds.Add((id, type.ToDisplayString(), Sites.NamedArgument(attribute, "Id", symbol.CancellationToken) ?? type.Locations[0]));
                    }
                },
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                foreach (var reuse in explicitIds.GroupBy(e => e.Id).Where(g => g.Count() > 1))
                {
                    var ordered = reuse.OrderBy(e => e.Name, System.StringComparer.Ordinal).ToList();
                    for (var i = 0; i < ordered.Count; i++)
                    {
                        var other = ordered[i == 0 ? 1 : 0];
                        end.ReportDiagnostic(Diagnostic.Create(Rule, ordered[i].At, ordered[i].Name, reuse.Key.ToString(CultureInfo.InvariantCulture), other.Name));
                    }
                }
            });
        });
    }
}
