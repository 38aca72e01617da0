using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Gatho.Analyzers.Reporting;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatho.Analyzers.Rooms;

/// <summary>
/// GATHO1006: two <c>[GathoRoom]</c> classes of one compilation with one room type. Needs every room, so it reports
/// at compilation end, on each room of the clash (naming another), at its room type argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RoomTypeNameAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = Reporting.Rule.AtCompilationEnd(RoomRules.DuplicateRoomType);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownNames.GathoRoomAttribute) is not { } attributeType)
            {
                return;
            }

            var rooms = new ConcurrentBag<(string RoomType, string Name, Location At)>();
            start.RegisterSymbolAction(
                symbol =>
                {
                    var room = (INamedTypeSymbol)symbol.Symbol;
                    var attribute = room.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
                    if (attribute is not null && ContractReader.RoomTypeOf(room) is { Length: > 0 } roomType)
                    {
                        rooms.Add((roomType, room.ToDisplayString(), Sites.AttributeArgument(attribute, 0, symbol.CancellationToken) ?? room.Locations[0]));
                    }
                },
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                foreach (var clash in rooms.GroupBy(r => r.RoomType, System.StringComparer.Ordinal).Where(g => g.Count() > 1))
                {
                    var ordered = clash.OrderBy(r => r.Name, System.StringComparer.Ordinal).ToList();
                    for (var i = 0; i < ordered.Count; i++)
                    {
                        var other = ordered[i == 0 ? 1 : 0];
                        end.ReportDiagnostic(Diagnostic.Create(Rule, ordered[i].At, ordered[i].Name, clash.Key, other.Name));
                    }
                }
            });
        });
    }
}
