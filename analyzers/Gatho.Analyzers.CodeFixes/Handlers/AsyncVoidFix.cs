using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Gatho.Analyzers.CodeFixes.Handlers;

/// <summary>GATHO1010: an <c>async void</c> handler returns <c>Task</c> (or <c>ValueTask</c>) so the room awaits it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidFix))]
[Shared]
public sealed class AsyncVoidFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ProblemIds.AsyncVoidHandler);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            foreach (var returns in new[] { "Task", "ValueTask" })
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Return {returns}",
                        cancellationToken => ReturnAsync(context.Document, method, returns, cancellationToken),
                        equivalenceKey: nameof(AsyncVoidFix) + returns),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReturnAsync(Document document, MethodDeclarationSyntax method, string returns, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Qualified and annotated: the code action's clean-up adds 'using System.Threading.Tasks;' when needed and
        // shortens the name to 'Task'.
        var type = SyntaxFactory.ParseTypeName("global::System.Threading.Tasks." + returns)
            .WithTriviaFrom(method.ReturnType)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        return document.WithSyntaxRoot(root.ReplaceNode(method, method.WithReturnType(type)));
    }
}
