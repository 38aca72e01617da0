using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Gatho.Generators.Model;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Parsing;

/// <summary>
/// Reads a room's contract from its symbol, for the room itself (source) and for typed clients (source or metadata):
/// accepted types from <c>[OnMessage]</c> handlers (visible in source) and <c>[Accepts]</c> (what the generator wrote
/// for metadata readers, where private handlers are not imported); sent types from <c>[Sends]</c>.
/// </summary>
internal static class ContractReader
{
    public static string? RoomTypeOf(INamedTypeSymbol room)
    {
        var attribute = room.GetAttributes().FirstOrDefault(a => TypeNames.IsNamed(a.AttributeClass, KnownNames.GathoRoomAttribute));
        return attribute is { ConstructorArguments.Length: 1 } && attribute.ConstructorArguments[0].Value is string type ? type : null;
    }

    /// <summary>Accepted message types with the handler that takes each (null when it came from <c>[Accepts]</c>).</summary>
    public static List<(ITypeSymbol Type, IMethodSymbol? Handler)> Accepted(INamedTypeSymbol room)
    {
        var accepted = new List<(ITypeSymbol, IMethodSymbol?)>();
        foreach (var method in room.GetMembers().OfType<IMethodSymbol>())
        {
            if (HasAttribute(method, KnownNames.OnMessage) && method.Parameters.Length == 2 && !IsRaw(method.Parameters[1].Type))
            {
                accepted.Add((method.Parameters[1].Type, method));
            }
        }

        foreach (var type in TypesOf(room, KnownNames.AcceptsAttribute))
        {
            if (!accepted.Any(a => SymbolEqualityComparer.Default.Equals(a.Item1, type)))
            {
                accepted.Add((type, null));
            }
        }

        return accepted;
    }

    public static List<ITypeSymbol> Sent(INamedTypeSymbol room)
    {
        var sent = new List<ITypeSymbol>();
        foreach (var type in TypesOf(room, KnownNames.SendsAttribute))
        {
            if (!sent.Any(s => SymbolEqualityComparer.Default.Equals(s, type)))
            {
                sent.Add(type);
            }
        }

        return sent;
    }

    /// <summary>Raw handlers (gatho-style): text as <c>string</c>, bytes as <c>ReadOnlyMemory&lt;byte&gt;</c>.</summary>
    public static bool IsRaw(ITypeSymbol type) => type.SpecialType == SpecialType.System_String || IsBytes(type);

    public static bool IsBytes(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named
        && named.OriginalDefinition.ToDisplayString() == "System.ReadOnlyMemory<T>"
        && named.TypeArguments[0].SpecialType == SpecialType.System_Byte;

    public static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => TypeNames.IsNamed(a.AttributeClass, metadataName));

    /// <summary>
    /// Names and ids for a contract's messages. Names avoid <paramref name="reserved"/> (members the emitted type
    /// already has), so a client's event never clashes with <c>Closed</c> or <c>Error</c>.
    /// </summary>
    public static (EquatableArray<ContractMessage> Accepted, EquatableArray<ContractMessage> Sent) Name(
        IEnumerable<ITypeSymbol> accepted, IEnumerable<ITypeSymbol> sent, ISet<string> reserved)
    {
        var all = accepted.Concat(sent)
            .OfType<INamedTypeSymbol>()
            .Select(t => (Key: TypeNames.Of(t), SimpleName: t.Name, Id: MessageIdRule.IdOf(t), t.IsValueType))
            .Distinct()
            .ToList();
        var named = TypeNames.NameUniquely(all, reserved).ToDictionary(m => m.TypeKey);
        EquatableArray<ContractMessage> Pick(IEnumerable<ITypeSymbol> types) => types
            .OfType<INamedTypeSymbol>()
            .Select(t => named[TypeNames.Of(t)])
            .Distinct()
            .OrderBy(m => m.TypeKey, System.StringComparer.Ordinal)
            .ToEquatableArray();
        return (Pick(accepted), Pick(sent));
    }

    /// <summary>
    /// Two message types of one contract with one id (DESIGN D11), reported at an explicit <c>Id = …</c> of either
    /// when one is in source (that is what to change), else at the room.
    /// </summary>
    public static void Collisions(INamedTypeSymbol room, IEnumerable<ITypeSymbol> messages, ProblemList problems, CancellationToken cancellationToken)
    {
        var types = messages.OfType<INamedTypeSymbol>()
            .GroupBy(TypeNames.Of)
            .Select(g => g.First())
            .OrderBy(TypeNames.Of, System.StringComparer.Ordinal);
        foreach (var group in types.GroupBy(MessageIdRule.IdOf).Where(g => g.Count() > 1))
        {
            var clashing = group.ToList();
            var site = clashing
                .Select(MessageIdRule.ExplicitIdAttribute)
                .Where(a => a?.ApplicationSyntaxReference is not null)
                .Select(a => Sites.NamedArgument(a!, "Id", cancellationToken))
                .FirstOrDefault() ?? ProblemList.SourceOf(room);
            for (var i = 1; i < clashing.Count; i++)
            {
                problems.Add(ProblemIds.MessageIdCollision, site, Display(clashing[0]), Display(clashing[i]), group.Key.ToString(CultureInfo.InvariantCulture), room.Name);
            }
        }
    }

    /// <summary>The <c>[Sends]</c> types with the <c>typeof(…)</c> argument that names each (when in source).</summary>
    public static List<(ITypeSymbol Type, Location? At)> SentWithSites(INamedTypeSymbol room, CancellationToken cancellationToken)
    {
        var sent = new List<(ITypeSymbol Type, Location? At)>();
        foreach (var attribute in room.GetAttributes().Where(a => TypeNames.IsNamed(a.AttributeClass, KnownNames.SendsAttribute)))
        {
            var index = 0;
            foreach (var type in TypesOf(attribute))
            {
                if (!sent.Any(s => SymbolEqualityComparer.Default.Equals(s.Type, type)))
                {
                    sent.Add((type, Sites.AttributeArgument(attribute, index, cancellationToken)));
                }

                index++;
            }
        }

        return sent;
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString();

    private static IEnumerable<ITypeSymbol> TypesOf(INamedTypeSymbol room, string attributeName) =>
        room.GetAttributes().Where(a => TypeNames.IsNamed(a.AttributeClass, attributeName)).SelectMany(TypesOf);

    private static IEnumerable<ITypeSymbol> TypesOf(AttributeData attribute)
    {
        foreach (var argument in attribute.ConstructorArguments)
        {
            var values = argument.Kind == TypedConstantKind.Array ? argument.Values : new[] { argument }.ToImmutableArrayOrEmpty();
            foreach (var value in values)
            {
                if (value.Value is ITypeSymbol type)
                {
                    yield return type;
                }
            }
        }
    }

    private static System.Collections.Immutable.ImmutableArray<TypedConstant> ToImmutableArrayOrEmpty(this TypedConstant[] values) =>
        System.Collections.Immutable.ImmutableArray.Create(values);
}
