using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Gatho.Analyzers.Reporting;
using Gatho.Analyzers.Setup;
using Gatho.Generators;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatho.Analyzers.Clients;

/// <summary>Runs the generator's <see cref="ClientParser"/> over each <c>[GathoClient]</c> class and reports its problems.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClientModelAnalyzer : DiagnosticAnalyzer
{
    private static readonly ProblemReporter Reporter = new(ClientRules.FromParser.Append(SetupRules.ClientNeedsGathoClient));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ClientRules.FromParser.Append(SetupRules.ClientNeedsGathoClient).ToImmutableArray();

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownNames.GathoClientAttribute) is not { } attributeType)
            {
                return;
            }

            var references = GathoGenerator.ReferencesOf(start.Compilation);
            start.RegisterSymbolAction(
                symbol =>
                {
                    var type = (INamedTypeSymbol)symbol.Symbol;
                    if (AttributeOf(type, attributeType) is { } attribute)
                    {
                        // A non-partial containing type is reported from its own action (below): a local diagnostic.
                        var model = ClientParser.Parse(type, attribute, references, symbol.CancellationToken);
                        Reporter.Report(symbol, model.Problems, type.Locations[0], p => p.RuleId != ProblemIds.ClientContainerNotPartial);
                    }

                    // Most types contain no client: look at nested types (cheap) before at the declarations' syntax.
                    var nested = NestedClients(type, attributeType).ToList();
                    if (nested.Count == 0 || Sites.NonPartialDeclaration(type, symbol.CancellationToken) is not { } declaration)
                    {
                        return;
                    }

                    var path = declaration.SyntaxTree.FilePath;
                    foreach (var (client, clientAttribute) in nested)
                    {
                        var model = ClientParser.Parse(client, clientAttribute, references, symbol.CancellationToken);
                        Reporter.Report(symbol, model.Problems, type.Locations[0], p =>
                            p.RuleId == ProblemIds.ClientContainerNotPartial && p.Location?.FilePath == path && p.Location.Span == declaration.Identifier.Span);
                    }
                },
                SymbolKind.NamedType);
        });
    }

    private static AttributeData? AttributeOf(INamedTypeSymbol type, INamedTypeSymbol attributeType) =>
        type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));

    private static IEnumerable<(INamedTypeSymbol Client, AttributeData Attribute)> NestedClients(INamedTypeSymbol type, INamedTypeSymbol attributeType)
    {
        foreach (var nested in type.GetTypeMembers())
        {
            if (AttributeOf(nested, attributeType) is { } attribute)
            {
                yield return (nested, attribute);
            }

            foreach (var deeper in NestedClients(nested, attributeType))
            {
                yield return deeper;
            }
        }
    }
}
