using System.Collections.Immutable;
using System.Linq;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatho.Analyzers.Rooms;

/// <summary>
/// GATHO1012: an <c>[On…]</c> method in a class without <c>[GathoRoom]</c> (a helper, a base class): the generator only
/// binds methods declared in the room class itself, so it would never be called.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StrayHandlerAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] HandlerAttributes =
        RoomParser.Lifecycle.Select(l => l.Attribute).Append(KnownNames.OnMessage).ToArray();

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RoomRules.HandlerOutsideRoom);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(
            symbol =>
            {
                var method = (IMethodSymbol)symbol.Symbol;
                var handler = method.GetAttributes().FirstOrDefault(a => HandlerAttributes.Contains(a.AttributeClass?.ToDisplayString()));
                if (handler is null || method.ContainingType is not { } type || ContractReader.HasAttribute(type, KnownNames.GathoRoomAttribute))
                {
                    return;
                }

                var name = handler.AttributeClass!.Name;
                name = name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
                symbol.ReportDiagnostic(Diagnostic.Create(RoomRules.HandlerOutsideRoom, method.Locations[0], name, method.Name, type.Name));
            },
            SymbolKind.Method);
    }
}
