using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatho.Analyzers.Messages;

/// <summary>
/// GATHO1111 (info): a <c>[GathoMessage]</c> type that no room of the compilation handles or sends. Rooms of other
/// projects cannot be seen from here, so it is information, not a warning (docs/diagnostics/GATHO1111.md).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnusedMessageAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = Reporting.Rule.AtCompilationEnd(MessageRules.UnusedMessage);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var messages = new ConcurrentBag<INamedTypeSymbol>();
            var used = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
            start.RegisterSymbolAction(
                symbol =>
                {
                    var type = (INamedTypeSymbol)symbol.Symbol;
                    if (ContractReader.HasAttribute(type, KnownNames.GathoMessageAttribute))
                    {
                        messages.Add(type);
                    }

                    if (ContractReader.HasAttribute(type, KnownNames.GathoRoomAttribute))
                    {
                        foreach (var accepted in ContractReader.Accepted(type))
                        {
                            used.TryAdd(accepted.Type, true);
                        }

                        foreach (var sent in ContractReader.Sent(type))
                        {
                            used.TryAdd(sent, true);
                        }
                    }
                },
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                foreach (var message in messages.Where(m => !used.ContainsKey(m)))
                {
                    end.ReportDiagnostic(Diagnostic.Create(Rule, message.Locations[0], message.ToDisplayString()));
                }
            });
        });
    }
}
