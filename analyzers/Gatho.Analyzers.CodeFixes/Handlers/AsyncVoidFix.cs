using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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

        var type = SyntaxFactory.ParseTypeName(returns).WithTriviaFrom(method.ReturnType);
        var fixedRoot = root.ReplaceNode(method, method.WithReturnType(type));
        return document.WithSyntaxRoot(fixedRoot is CompilationUnitSyntax unit ? WithTasksUsing(unit) : fixedRoot);
    }

    /// <summary>Adds <c>using System.Threading.Tasks;</c> unless the file has it, among the other System usings.</summary>
    private static CompilationUnitSyntax WithTasksUsing(CompilationUnitSyntax unit)
    {
        const string Tasks = "System.Threading.Tasks";
        if (unit.Usings.Any(u => u.Alias is null && u.Name?.ToString() == Tasks))
        {
            return unit;
        }

        var newline = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var directive = SyntaxFactory.ParseCompilationUnit($"using {Tasks};").Usings[0]
            .WithTrailingTrivia(newline.IsKind(SyntaxKind.EndOfLineTrivia) ? newline : SyntaxFactory.LineFeed);
        var index = 0;
        while (index < unit.Usings.Count && Before(unit.Usings[index], Tasks))
        {
            index++;
        }

        if (index == 0 && unit.Usings.Count > 0)
        {
            // Keep a file header comment or #nullable on the first line of the file.
            var first = unit.Usings[0];
            directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
            unit = unit.ReplaceNode(first, first.WithLeadingTrivia());
        }

        return unit.WithUsings(unit.Usings.Insert(index, directive));
    }

    /// <summary>System usings first, then ordinal order: where a using sorts before <paramref name="name"/>.</summary>
    private static bool Before(UsingDirectiveSyntax existing, string name)
    {
        var text = existing.Name?.ToString() ?? string.Empty;
        var isSystem = text == "System" || text.StartsWith("System.", System.StringComparison.Ordinal);
        return existing.Alias is null && existing.StaticKeyword.IsKind(SyntaxKind.None) && isSystem && string.CompareOrdinal(text, name) < 0;
    }
}
