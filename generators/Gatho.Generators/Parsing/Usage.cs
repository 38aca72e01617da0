using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Parsing;

/// <summary>
/// Where the shape collector reached a type from, for its problems: the handler or <c>[Sends]</c> that uses the
/// message (<see cref="By"/>), the member on the way (<see cref="Member"/>, <c>Type.Property</c>) and the syntax to
/// point at (the member's declaration when it is in source, else the closest usage that is).
/// </summary>
internal sealed record Usage(string By, Location? At, string? Member = null)
{
    /// <summary>The usage of <paramref name="property"/>'s type, one level down.</summary>
    public Usage Into(INamedTypeSymbol type, IPropertySymbol property) =>
        new(By, ProblemList.SourceOf(property) ?? At, $"{type.Name}.{property.Name}");
}
