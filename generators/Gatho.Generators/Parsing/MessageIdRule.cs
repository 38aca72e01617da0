using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Parsing;

/// <summary>
/// DESIGN D11: a message's id is FNV-1a 32-bit over the UTF-8 bytes of its full metadata name (namespace + name,
/// nested types as <c>Outer+Inner</c>) unless <c>[GathoMessage(Id = n)]</c> sets it. Gatho.Typed.MessageIds computes
/// the same at run time; both are tested against the same vectors.
/// </summary>
internal static class MessageIdRule
{
    public static uint IdOf(INamedTypeSymbol type) => ExplicitId(type) ?? Fnv1a(FullMetadataName(type));

    /// <summary>The id <c>[GathoMessage(Id = n)]</c> sets, or null.</summary>
    public static uint? ExplicitId(INamedTypeSymbol type) =>
        ExplicitIdAttribute(type) is { } attribute ? (uint)attribute.NamedArguments.First(a => a.Key == "Id").Value.Value! : null;

    /// <summary>The <c>[GathoMessage]</c> attribute of <paramref name="type"/> when it sets an id, or null.</summary>
    public static AttributeData? ExplicitIdAttribute(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (!TypeNames.IsNamed(attribute.AttributeClass, KnownNames.GathoMessageAttribute))
            {
                continue;
            }

            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Id" && argument.Value.Value is uint)
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    public static string FullMetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    public static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}
