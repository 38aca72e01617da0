using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatho.Generators.Parsing;

/// <summary>
/// The syntax a problem points at (a method's return type or parameter list, an attribute argument…), so the
/// diagnostic underlines exactly what to change. Each falls back to the symbol's identifier, then to nothing.
/// </summary>
internal static class Sites
{
    public static Location? ReturnType(IMethodSymbol method, CancellationToken cancellationToken) =>
        Declaration(method, cancellationToken)?.ReturnType.GetLocation() ?? ProblemList.SourceOf(method);

    public static Location? Parameters(IMethodSymbol method, CancellationToken cancellationToken) =>
        Declaration(method, cancellationToken)?.ParameterList.GetLocation() ?? ProblemList.SourceOf(method);

    public static Location? TypeParameters(IMethodSymbol method, CancellationToken cancellationToken) =>
        Declaration(method, cancellationToken)?.TypeParameterList?.GetLocation() ?? ProblemList.SourceOf(method);

    /// <summary>The type syntax of parameter <paramref name="index"/>.</summary>
    public static Location? ParameterType(IMethodSymbol method, int index, CancellationToken cancellationToken) =>
        Declaration(method, cancellationToken)?.ParameterList.Parameters.ElementAtOrDefault(index)?.Type?.GetLocation() ?? ProblemList.SourceOf(method);

    /// <summary>Argument <paramref name="index"/> of an attribute as written (the attribute itself when there is no such argument).</summary>
    public static Location? AttributeArgument(AttributeData? attribute, int index, CancellationToken cancellationToken)
    {
        if (attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return null;
        }

        var arguments = syntax.ArgumentList?.Arguments.Where(a => a.NameEquals is null).ToList();
        return arguments is not null && index < arguments.Count ? arguments[index].GetLocation() : syntax.GetLocation();
    }

    /// <summary>The name of an attribute as written (<c>GathoClient</c> in <c>[GathoClient(typeof(R))]</c>).</summary>
    public static Location? AttributeName(AttributeData attribute, CancellationToken cancellationToken) =>
        (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.Name.GetLocation();

    /// <summary>A named argument (<c>Id = 5</c>) of an attribute as written, else the attribute.</summary>
    public static Location? NamedArgument(AttributeData attribute, string name, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return null;
        }

        var argument = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        return (argument ?? (SyntaxNode)syntax).GetLocation();
    }

    /// <summary>The first declaration of <paramref name="type"/> that lacks <c>partial</c>, or null.</summary>
    public static TypeDeclarationSyntax? NonPartialDeclaration(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword));

    public static Location? TypeParameters(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        TypeDeclaration(type, cancellationToken)?.TypeParameterList?.GetLocation() ?? ProblemList.SourceOf(type);

    public static Location? StaticModifier(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>();
        foreach (var declaration in declarations)
        {
            foreach (var modifier in declaration.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.StaticKeyword))
                {
                    return modifier.GetLocation();
                }
            }
        }

        return ProblemList.SourceOf(type);
    }

    private static TypeDeclarationSyntax? TypeDeclaration(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().FirstOrDefault();

    private static MethodDeclarationSyntax? Declaration(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
}
