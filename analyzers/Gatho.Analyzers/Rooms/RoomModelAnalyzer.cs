using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Gatho.Analyzers.Messages;
using Gatho.Analyzers.Reporting;
using Gatho.Generators;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatho.Analyzers.Rooms;

/// <summary>
/// Runs the generator's own <see cref="RoomParser"/> over each <c>[GathoRoom]</c> class and reports every problem it
/// finds at its syntax: the IDE shows exactly the shapes for which the generator emits nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RoomModelAnalyzer : DiagnosticAnalyzer
{
    private static readonly ProblemReporter Reporter = new(RoomRules.FromParser.Concat(MessageRules.FromParser));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = RoomRules.FromParser.Concat(MessageRules.FromParser).ToImmutableArray();

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownNames.GathoRoomAttribute) is not { } attribute)
            {
                return;
            }

            var references = GathoGenerator.ReferencesOf(start.Compilation);
            start.RegisterSymbolAction(
                symbol =>
                {
                    var type = (INamedTypeSymbol)symbol.Symbol;
                    if (IsRoom(type, attribute))
                    {
                        // A non-partial containing type is reported from that type's own action below, so the
                        // diagnostic (and its fix) is local to the declaration it is on.
                        var model = RoomParser.Parse(type, references, symbol.CancellationToken);
                        Reporter.Report(symbol, model.Problems, type.Locations[0], p => p.RuleId != ProblemIds.RoomContainerNotPartial);
                    }

                    // Most types contain no room: look at nested types (cheap) before at the declarations' syntax.
                    var nested = NestedRooms(type, attribute).ToList();
                    if (nested.Count == 0 || Sites.NonPartialDeclaration(type, symbol.CancellationToken) is not { } declaration)
                    {
                        return;
                    }

                    var path = declaration.SyntaxTree.FilePath;
                    foreach (var room in nested)
                    {
                        var model = RoomParser.Parse(room, references, symbol.CancellationToken);
                        Reporter.Report(symbol, model.Problems, type.Locations[0], p =>
                            p.RuleId == ProblemIds.RoomContainerNotPartial && p.Location?.FilePath == path && p.Location.Span == declaration.Identifier.Span);
                    }
                },
                SymbolKind.NamedType);
        });
    }

    private static bool IsRoom(INamedTypeSymbol type, INamedTypeSymbol attribute) =>
        type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    private static IEnumerable<INamedTypeSymbol> NestedRooms(INamedTypeSymbol type, INamedTypeSymbol attribute)
    {
        foreach (var nested in type.GetTypeMembers())
        {
            if (IsRoom(nested, attribute))
            {
                yield return nested;
            }

            foreach (var deeper in NestedRooms(nested, attribute))
            {
                yield return deeper;
            }
        }
    }
}
