using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Gatho.Analyzers.RoomThread;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatho.Analyzers.CodeFixes.RoomThread;

/// <summary>
/// GATHO2003: <c>OnDrop = async (…) => …</c> becomes <c>OnDropAsync = async (…) => …</c>. The lambda stays as written:
/// an async lambda converts to the async member's <c>Func&lt;…, ValueTask&gt;</c> as it is. Offered only where the
/// analyzer found a free async counterpart (not for method groups, whose method would have to change too).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAsyncCallbackSlotFix))]
[Shared]
public sealed class UseAsyncCallbackSlotFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RoomThreadRules.AsyncLambdaInSyncSlotId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(AsyncCallbackSlotAnalyzer.CounterpartProperty, out var counterpart)
                || counterpart is null
                || root.FindNode(diagnostic.Location.SourceSpan) is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax member })
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Assign it to '{counterpart}'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(member, SyntaxFactory.IdentifierName(counterpart).WithTriviaFrom(member)))),
                    equivalenceKey: RoomThreadRules.AsyncLambdaInSyncSlotId),
                diagnostic);
        }
    }
}
