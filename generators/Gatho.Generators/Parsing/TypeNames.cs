using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gatho.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Parsing;

/// <summary>Names the emitters need: qualified names, hint names, the declarations a partial type must repeat.</summary>
internal static class TypeNames
{
    public static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    public static string Of(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Qualified);

    /// <summary>
    /// Whether <paramref name="type"/> is the non-generic type <paramref name="fullName"/> (<c>Namespace.Outer.Name</c>,
    /// what <c>ToDisplayString()</c> prints for it); a generic type matches no name (no attribute looked for is generic). Walks the names in place: the generator asks this of every
    /// attribute on every member of every room on each compilation, and building the display string each time was a
    /// measurable share of a run (docs/benchmarks.md, "The generator").
    /// </summary>
    public static bool IsNamed(INamedTypeSymbol? type, string fullName)
    {
        if (type is null || type.Arity != 0)
        {
            return false;
        }

        var end = fullName.Length;
        ISymbol? symbol = type;
        while (symbol is not null && symbol is not INamespaceSymbol { IsGlobalNamespace: true })
        {
            var name = symbol.Name;
            var start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(fullName, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            if (start == 0)
            {
                var container = (ISymbol?)symbol.ContainingType ?? symbol.ContainingNamespace;
                return container is null or INamespaceSymbol { IsGlobalNamespace: true };
            }

            if (fullName[start - 1] != '.' || symbol.ContainingType is { Arity: > 0 })
            {
                return false;
            }

            end = start - 1;
            symbol = (ISymbol?)symbol.ContainingType ?? symbol.ContainingNamespace;
        }

        return false;
    }

    public static string? NamespaceOf(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;

    public static EquatableArray<ContainingType> ContainersOf(INamedTypeSymbol type)
    {
        var chain = new List<ContainingType>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            chain.Insert(0, new ContainingType(KeywordOf(outer), outer.Name));
        }

        return chain.ToEquatableArray();
    }

    public static string KeywordOf(INamedTypeSymbol type) => (type.IsRecord, type.IsValueType) switch
    {
        (true, true) => "record struct",
        (true, false) => "record",
        (false, true) => "struct",
        _ => "class",
    };

    /// <summary>A deterministic, file-system-safe hint name: <c>Game.Rooms.TicTacToeRoom.Room.g.cs</c>.</summary>
    public static string HintName(INamedTypeSymbol type, string suffix)
    {
        var builder = new StringBuilder();
        foreach (var c in MessageIdRule.FullMetadataName(type))
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '.' ? c : '_');
        }

        return builder.Append('.').Append(suffix).Append(".g.cs").ToString();
    }

    /// <summary>Gives each contract message a unique identifier-safe name (its simple name, numbered on a clash).</summary>
    public static List<ContractMessage> NameUniquely(IEnumerable<(string Key, string SimpleName, uint Id, bool IsValueType)> messages, ISet<string> reserved)
    {
        var taken = new HashSet<string>(reserved);
        var named = new List<ContractMessage>();
        foreach (var message in messages.OrderBy(m => m.Key, System.StringComparer.Ordinal))
        {
            var name = message.SimpleName;
            for (var n = 2; !taken.Add(name); n++)
            {
                name = message.SimpleName + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            named.Add(new ContractMessage(message.Key, name, message.Id, message.IsValueType));
        }

        return named;
    }
}
