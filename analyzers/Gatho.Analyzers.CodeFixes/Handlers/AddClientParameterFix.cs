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
using Microsoft.CodeAnalysis.Simplification;

namespace Gatho.Analyzers.CodeFixes.Handlers;

/// <summary>
/// GATHO1008 where the fix is mechanical: the handler lacks only its leading <c>IRoomClient client</c> (an
/// <c>[OnMessage]</c> taking just the message; <c>[OnJoin]</c>, <c>[OnLeave]</c>, <c>[OnReconnect]</c> or <c>[OnDrop]</c>
/// taking nothing). Other parameter lists need the author's judgment and get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddClientParameterFix))]
[Shared]
public sealed class AddClientParameterFix : CodeFixProvider
{
    private static readonly string[] ClientOnly = { KnownNames.OnJoin, KnownNames.OnLeave, KnownNames.OnReconnect, KnownNames.OnDrop };

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ProblemIds.HandlerParameters);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
                || model?.GetDeclaredSymbol(method, context.CancellationToken) is not { } symbol
                || !NeedsOnlyTheClient(symbol))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add the 'IRoomClient client' parameter",
                    cancellationToken => AddClientAsync(context.Document, method, cancellationToken),
                    equivalenceKey: nameof(AddClientParameterFix)),
                diagnostic);
        }
    }

    private static bool NeedsOnlyTheClient(IMethodSymbol method)
    {
        var firstIsClient = method.Parameters.Length > 0 && HandlerSignatures.Is(method.Parameters[0].Type, KnownNames.RoomClient);
        if (ContractReader.HasAttribute(method, KnownNames.OnMessage))
        {
            return method.Parameters.Length == 1 && !firstIsClient;
        }

        return method.Parameters.Length == 0 && ClientOnly.Any(attribute => ContractReader.HasAttribute(method, attribute));
    }

    private static async Task<Document> AddClientAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var taken = method.ParameterList.Parameters.Select(p => p.Identifier.ValueText).ToImmutableHashSet();
        var name = taken.Contains("client") ? "roomClient" : "client";
        var client = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name))
            .WithType(SyntaxFactory.ParseTypeName("global::Gatho.IRoomClient").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation).WithTrailingTrivia(SyntaxFactory.Space));
        var existing = method.ParameterList.Parameters;
        var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), existing.Count);
        var parameters = method.ParameterList.WithParameters(SyntaxFactory.SeparatedList(existing.Insert(0, client), separators));
        return document.WithSyntaxRoot(root.ReplaceNode(method, method.WithParameterList(parameters)));
    }
}
