using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gatho.Analyzers.RoomThread;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Gatho.Analyzers.CodeFixes.RoomThread;

/// <summary>
/// GATHO2001: replaces <c>t.Result</c>, <c>t.Wait()</c> or <c>t.GetAwaiter().GetResult()</c> with <c>await t</c> where the
/// analyzer found it mechanical (<see cref="BlockingWaitFix"/>): in an async callback; in a handler method, which also
/// becomes <c>async ValueTask</c> (<c>async ValueTask&lt;AuthResult&gt;</c>); in a lambda given to a synchronous
/// <c>RoomCallbacks</c> member, which also becomes async and moves to the async member. A <c>ConfigureAwait(false)</c>
/// before the wait is dropped: the rest of a room callback must continue on the room thread.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitInsteadOfBlockingFix))]
[Shared]
public sealed class AwaitInsteadOfBlockingFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RoomThreadRules.BlockingWaitId);

    // Each fix may change the enclosing method's signature, which overlapping batch edits would undo: no fix-all.
    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(BlockingCallAnalyzer.FixProperty, out var kind)
                || !System.Enum.TryParse<BlockingWaitFix>(kind, out var fix)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax blocking
                || AwaitedTask(blocking) is null)
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(BlockingCallAnalyzer.AsyncSlotProperty, out var slot);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Await the task instead",
                    token => ApplyAsync(context.Document, blocking, fix, slot, token),
                    equivalenceKey: RoomThreadRules.BlockingWaitId),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ExpressionSyntax blocking, BlockingWaitFix fix, string? slot, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var awaited = SyntaxFactory.AwaitExpression(AwaitedTask(blocking)!.WithoutTrivia()).WithTriviaFrom(blocking);
        ExpressionSyntax replacement = blocking.Parent is MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or InvocationExpressionSyntax
            ? SyntaxFactory.ParenthesizedExpression(awaited)
            : awaited;
        editor.ReplaceNode(blocking, replacement);

        switch (fix)
        {
            case BlockingWaitFix.AwaitInAsyncMethod when blocking.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method:
                MakeAsync(editor, method);
                break;
            case BlockingWaitFix.AwaitInAsyncSlot when slot is not null
                && blocking.FirstAncestorOrSelf<LambdaExpressionSyntax>() is { Parent: AssignmentExpressionSyntax { Left: IdentifierNameSyntax member } } lambda:
                editor.ReplaceNode(member, SyntaxFactory.IdentifierName(slot).WithTriviaFrom(member));
                editor.ReplaceNode(lambda, (current, _) => AddAsync((LambdaExpressionSyntax)current));
                break;
        }

        return editor.GetChangedDocument();
    }

    /// <summary>The task a blocking expression waits for, without a trailing <c>ConfigureAwait(…)</c>.</summary>
    private static ExpressionSyntax? AwaitedTask(ExpressionSyntax blocking)
    {
        var task = blocking switch
        {
            // t.Result
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result.Expression,

            // t.GetAwaiter().GetResult()
            InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } awaiter },
                },
            } => awaiter.Expression,

            // t.Wait()
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait } => wait.Expression,
            _ => null,
        };

        return task is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure }
            ? configure.Expression
            : task;
    }

    private static void MakeAsync(DocumentEditor editor, MethodDeclarationSyntax method)
    {
        var generator = editor.Generator;
        var valueTask = editor.SemanticModel.Compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        var valueTaskOf = editor.SemanticModel.Compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        if (valueTask is null || valueTaskOf is null)
        {
            return;
        }

        editor.ReplaceNode(method, (current, _) =>
        {
            var declaration = (MethodDeclarationSyntax)current;
            var returned = declaration.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                ? (TypeSyntax)generator.TypeExpression(valueTask)
                : SyntaxFactory.GenericName(SyntaxFactory.Identifier("ValueTask"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(declaration.ReturnType.WithoutTrivia())));
            var modifiers = declaration.Modifiers;

            // async goes last among the modifiers, right before the return type (private static async ValueTask …).
            var asyncToken = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (modifiers.Count == 0)
            {
                asyncToken = asyncToken.WithLeadingTrivia(declaration.ReturnType.GetLeadingTrivia());
                returned = returned.WithLeadingTrivia();
            }

            return declaration
                .WithModifiers(modifiers.Add(asyncToken))
                .WithReturnType(returned.WithTrailingTrivia(declaration.ReturnType.GetTrailingTrivia()))
                .WithAdditionalAnnotations(Formatter.Annotation);
        });
    }

    private static LambdaExpressionSyntax AddAsync(LambdaExpressionSyntax lambda) =>
        lambda.WithAsyncKeyword(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space)).WithLeadingTrivia(lambda.GetLeadingTrivia());
}
