using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Gatho.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gatho.Generators.Parsing;

/// <summary>
/// Walks a room's message types and everything reachable from their members, turning each into a
/// <see cref="TypeShape"/>. A type it cannot write becomes a problem naming the member, never a silent skip.
/// </summary>
internal sealed class ShapeCollector
{
    private readonly Dictionary<string, TypeShape> shapes = new();
    private readonly HashSet<string> visiting = new();
    private readonly HashSet<string> names = new();
    private readonly HashSet<string> failed = new();
    private readonly ProblemList problems;
    private readonly CancellationToken cancellationToken;
    private readonly INamedTypeSymbol room;

    /// <param name="problems">Where problems go.</param>
    /// <param name="room">The room whose contract this is: its generated public members take the message types.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public ShapeCollector(ProblemList problems, INamedTypeSymbol room, CancellationToken cancellationToken)
    {
        this.problems = problems;
        this.room = room;
        this.cancellationToken = cancellationToken;
    }

    public EquatableArray<TypeShape> Shapes => shapes.Values.OrderBy(s => s.Key, System.StringComparer.Ordinal).ToEquatableArray();

    /// <summary>
    /// Adds a message type (must be an object shape); returns its key, or null when it cannot be a message, recording
    /// <paramref name="notAMessageRule"/> (with the type and <paramref name="usedBy"/>) at the usage when it is not
    /// an object at all.
    /// </summary>
    public string? AddMessage(ITypeSymbol type, Usage usage, string notAMessageRule, string usedBy)
    {
        if (type is not INamedTypeSymbol named || !IsObjectCandidate(named))
        {
            problems.Add(notAMessageRule, usage.At, type.ToDisplayString(), usedBy);
            return null;
        }

        return Add(type, usage);
    }

    /// <summary>The key of <paramref name="type"/>, collecting its shape (and its members') on first sight.</summary>
    private string? Add(ITypeSymbol type, Usage usage)
    {
        var key = TypeNames.Of(type);
        if (shapes.ContainsKey(key) || visiting.Contains(key))
        {
            return key;
        }

        if (failed.Contains(key))
        {
            return null; // reported where it was first reached
        }

        var added = AddNew(type, key, usage);
        if (added is null)
        {
            failed.Add(key);
        }

        return added;
    }

    private string? AddNew(ITypeSymbol type, string key, Usage usage)
    {
        cancellationToken.ThrowIfCancellationRequested();

        if (Scalar(type) is { } scalar)
        {
            return key; // written inline, no helper
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                Unserializable(usage, type, "use an array of arrays (T[][]) instead of a multi-dimensional array");
                return null;
            }

            return Collection(key, ShapeKind.Array, null, array.ElementType, null, usage, "Array");
        }

        if (type is not INamedTypeSymbol named)
        {
            Unserializable(usage, type, SupportedTypes);
            return null;
        }

        if (named.TypeKind == TypeKind.Enum && named.EnumUnderlyingType is { } underlying)
        {
            if (!IsAccessibleEnough(named, usage))
            {
                return null;
            }

            Register(new TypeShape(key, ShapeKind.Enum, UniqueName(named.Name), Scalar(underlying), null, null, true, EquatableArray<MemberShape>.Empty, ObjectConstruction.None));
            return key;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return Collection(key, ShapeKind.Nullable, null, named.TypeArguments[0], null, usage, "OrNil");
        }

        switch (named.OriginalDefinition.ToDisplayString())
        {
            case "System.Collections.Generic.List<T>":
                return Collection(key, ShapeKind.List, null, named.TypeArguments[0], null, usage, "List");
            case "System.Collections.Generic.IReadOnlyList<T>":
                return Collection(key, ShapeKind.Array, "ReadOnlyList", named.TypeArguments[0], null, usage, "ReadOnlyList");
            case "System.Collections.Generic.Dictionary<TKey, TValue>":
            case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                return Collection(key, ShapeKind.Dictionary, null, named.TypeArguments[0], named.TypeArguments[1], usage, "Map");
        }

        if (!IsObjectCandidate(named))
        {
            Unserializable(usage, type, SupportedTypes);
            return null;
        }

        return Object(named, key, usage);
    }

    private string? Collection(string key, ShapeKind kind, string? flavor, ITypeSymbol element, ITypeSymbol? value, Usage usage, string suffix)
    {
        visiting.Add(key);
        var elementKey = Add(element, usage);
        var valueKey = value is null ? null : Add(value, usage);
        visiting.Remove(key);
        if (elementKey is null || (value is not null && valueKey is null))
        {
            return null;
        }

        var name = UniqueName(SimpleName(element) + (value is null ? string.Empty : SimpleName(value)) + suffix);
        Register(new TypeShape(key, kind, name, flavor, elementKey, valueKey, kind == ShapeKind.Nullable, EquatableArray<MemberShape>.Empty, ObjectConstruction.None));
        return key;
    }

    private string? Object(INamedTypeSymbol type, string key, Usage usage)
    {
        if (type.IsGenericType)
        {
            problems.Add(ProblemIds.GenericMessageType, usage.At, type.ToDisplayString(), usage.Member ?? usage.By);
            return null;
        }

        if (!IsAccessibleEnough(type, usage))
        {
            return null;
        }

        visiting.Add(key);
        var members = Members(type, usage);
        visiting.Remove(key);
        if (members is null)
        {
            return null;
        }

        Register(new TypeShape(key, ShapeKind.Object, UniqueName(type.Name), null, null, null, type.IsValueType, members.ToEquatableArray(), ObjectConstruction.Constructor));
        return key;
    }

    /// <summary>
    /// Wire order (DESIGN D11): the parameters of the widest constructor whose parameters are all properties (a
    /// positional record's primary constructor), then settable and init properties in declaration order.
    /// </summary>
    private List<MemberShape>? Members(INamedTypeSymbol type, Usage usage)
    {
        var properties = new List<IPropertySymbol>();
        var chain = new List<INamedTypeSymbol>();
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
        {
            chain.Insert(0, t);
        }

        // Each type's members once: the public API copies the member array on every GetMembers() call.
        var declared = chain.Select(t => t.GetMembers()).ToList();
        foreach (var own in declared)
        {
            foreach (var property in own.OfType<IPropertySymbol>())
            {
                if (!property.IsStatic && !property.IsIndexer && property.DeclaredAccessibility == Accessibility.Public
                    && property.GetMethod is not null && properties.All(p => p.Name != property.Name))
                {
                    properties.Add(property);
                }
            }
        }

        // Every member is checked even after one fails, so one build lists every member to change.
        var complete = true;

        // Public fields would silently stay off the wire (only properties are members): refuse them instead.
        foreach (var own in declared)
        {
            foreach (var field in own.OfType<IFieldSymbol>())
            {
                if (!field.IsStatic && !field.IsConst && !field.IsImplicitlyDeclared && field.DeclaredAccessibility == Accessibility.Public)
                {
                    problems.Add(ProblemIds.PublicFieldInMessage, ProblemList.SourceOf(field) ?? usage.At, $"{type.ToDisplayString()}.{field.Name}", field.Type.ToDisplayString());
                    complete = false;
                }
            }
        }

        var constructor = WidestBindingConstructor(type, properties);
        if (constructor is null && !type.IsValueType && !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && IsAccessible(c)))
        {
            problems.Add(ProblemIds.NoMessageConstructor, ProblemList.SourceOf(type) ?? usage.At, type.ToDisplayString());
            complete = false;
        }

        var members = new List<MemberShape>();
        var bound = new HashSet<string>();
        foreach (var parameter in constructor?.Parameters ?? Enumerable.Empty<IParameterSymbol>())
        {
            var property = properties.First(p => string.Equals(p.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase));
            var typeKey = Add(property.Type, usage.Into(type, property));
            if (typeKey is null)
            {
                complete = false;
                continue;
            }

            bound.Add(property.Name);
            members.Add(new MemberShape(Identifier(property.Name), typeKey, MemberBinding.Constructor, DefaultOf(parameter, typeKey)));
        }

        foreach (var property in properties)
        {
            if (bound.Contains(property.Name) || property.SetMethod is not { DeclaredAccessibility: Accessibility.Public } setter)
            {
                continue; // computed or get-only: not part of the wire
            }

            var typeKey = Add(property.Type, usage.Into(type, property));
            if (typeKey is null)
            {
                complete = false;
                continue;
            }

            members.Add(new MemberShape(Identifier(property.Name), typeKey, setter.IsInitOnly ? MemberBinding.Init : MemberBinding.Set, $"default({typeKey})!", IsRequired(property)));
        }

        return complete ? members : null;
    }

    /// <summary>
    /// GATHO1107: the room's generated members (send helpers, the contract's formatters) have the room's accessibility
    /// and take the message types, so each must be at least as accessible as the room (and never private or protected).
    /// </summary>
    private bool IsAccessibleEnough(INamedTypeSymbol type, Usage usage)
    {
        var (typeRank, typeText) = Effective(type);
        var (roomRank, roomText) = Effective(room);
        if (typeRank > 1 && typeRank >= roomRank)
        {
            return true;
        }

        problems.Add(ProblemIds.InaccessibleMessageType, ProblemList.SourceOf(type) ?? usage.At, type.ToDisplayString(), typeText, room.Name, roomRank == 3 ? roomText : "internal");
        return false;
    }

    /// <summary>How far a type is visible through its containing types: 3 public, 2 internal, 1 private or protected.</summary>
    private static (int Rank, string Text) Effective(INamedTypeSymbol type)
    {
        var rank = 3;
        var text = "public";
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            var own = t.DeclaredAccessibility switch
            {
                Accessibility.Public => 3,
                Accessibility.Internal or Accessibility.ProtectedOrInternal => 2,
                _ => 1,
            };
            if (own < rank)
            {
                rank = own;
                text = SyntaxFacts.GetText(t.DeclaredAccessibility).Trim();
                if (text.Length == 0)
                {
                    text = t.DeclaredAccessibility.ToString().ToLowerInvariant();
                }
            }
        }

        return (rank, text);
    }

    private const string SupportedTypes =
        "use a scalar, an enum, T?, T[], List<T>, IReadOnlyList<T>, Dictionary<K, V>, IReadOnlyDictionary<K, V>, or a record, class or struct of those (docs/authoring.md)";

    /// <summary>GATHO1104 at the member that holds <paramref name="type"/> (a message itself is never unserializable here: AddMessage checked it).</summary>
    private void Unserializable(Usage usage, ITypeSymbol type, string instead) =>
        problems.Add(ProblemIds.UnserializableMember, usage.At, usage.Member ?? type.ToDisplayString(), type.ToDisplayString(), usage.By, instead);

    /// <summary>A member name as generated code must write it (<c>@class</c> for a keyword).</summary>
    private static string Identifier(string name) =>
        SyntaxFacts.IsReservedKeyword(SyntaxFacts.GetKeywordKind(name)) ? "@" + name : name;

    /// <summary>
    /// A <c>required</c> property. Roslyn 4.3 (the generator's API level) has no IPropertySymbol.IsRequired: source
    /// declarations carry the modifier, metadata the compiler's RequiredMemberAttribute.
    /// </summary>
    private static bool IsRequired(IPropertySymbol property) =>
        property.GetAttributes().Any(a => TypeNames.IsNamed(a.AttributeClass, "System.Runtime.CompilerServices.RequiredMemberAttribute"))
        || property.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax declaration
            && declaration.Modifiers.Any(m => m.ValueText == "required"));

    private static IMethodSymbol? WidestBindingConstructor(INamedTypeSymbol type, List<IPropertySymbol> properties)
    {
        IMethodSymbol? best = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (!IsAccessible(constructor) || constructor.Parameters.Length == 0)
            {
                continue;
            }

            // A record's copy constructor takes the record itself.
            if (constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type))
            {
                continue;
            }

            var allBind = constructor.Parameters.All(parameter => properties.Any(p =>
                string.Equals(p.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase)
                && SymbolEqualityComparer.Default.Equals(p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated))));
            if (allBind && (best is null || constructor.Parameters.Length > best.Parameters.Length))
            {
                best = constructor;
            }
        }

        return best;
    }

    private static bool IsAccessible(IMethodSymbol method) => method.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static string DefaultOf(IParameterSymbol parameter, string typeKey)
    {
        if (!parameter.HasExplicitDefaultValue || parameter.ExplicitDefaultValue is null)
        {
            return $"default({typeKey})!";
        }

        var value = parameter.ExplicitDefaultValue;
        var literal = value switch
        {
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            float f => Special(f) is { } named ? "float." + named : f.ToString("R", CultureInfo.InvariantCulture) + "F",
            double d => Special(d) is { } named ? "double." + named : d.ToString("R", CultureInfo.InvariantCulture) + "D",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            System.IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
        return literal is null ? $"default({typeKey})!" : $"({typeKey})({literal})";
    }

    /// <summary>NaN and the infinities have no literal: written as <c>double.NaN</c> and so on.</summary>
    private static string? Special(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "PositiveInfinity" : double.IsNegativeInfinity(value) ? "NegativeInfinity" : null;

    private static bool IsObjectCandidate(INamedTypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct && !type.IsAbstract && !type.IsStatic && !type.IsRefLikeType
        && type.SpecialType == SpecialType.None && type.ContainingNamespace?.ToDisplayString() is not ("System" or "System.Collections.Generic");

    /// <summary>The MessagePack scalar for <paramref name="type"/>, or null when it is not one.</summary>
    public static string? Scalar(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return "Boolean";
            case SpecialType.System_Byte: return "Byte";
            case SpecialType.System_SByte: return "SByte";
            case SpecialType.System_Int16: return "Int16";
            case SpecialType.System_UInt16: return "UInt16";
            case SpecialType.System_Int32: return "Int32";
            case SpecialType.System_UInt32: return "UInt32";
            case SpecialType.System_Int64: return "Int64";
            case SpecialType.System_UInt64: return "UInt64";
            case SpecialType.System_Single: return "Single";
            case SpecialType.System_Double: return "Double";
            case SpecialType.System_Char: return "Char";
            case SpecialType.System_String: return "String";
            case SpecialType.System_Decimal: return "Decimal";
            case SpecialType.System_DateTime: return "DateTime";
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return "Bytes";
        }

        return type.ToDisplayString() switch
        {
            "System.Guid" => "Guid",
            "System.TimeSpan" => "TimeSpan",
            "System.DateTimeOffset" => "DateTimeOffset",
            _ => null,
        };
    }

    private static string SimpleName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => SimpleName(array.ElementType) + "Array",
        INamedTypeSymbol { IsGenericType: true } named => named.Name + string.Concat(named.TypeArguments.Select(SimpleName)),
        _ => type.Name,
    };

    private string UniqueName(string name)
    {
        var unique = name;
        for (var n = 2; !names.Add(unique); n++)
        {
            unique = name + n.ToString(CultureInfo.InvariantCulture);
        }

        return unique;
    }

    private void Register(TypeShape shape) => shapes[shape.Key] = shape;
}
