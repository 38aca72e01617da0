namespace Gatho.Generators.Model;

/// <summary>How a type is written on the wire.</summary>
internal enum ShapeKind
{
    /// <summary>A MessagePack scalar: <see cref="TypeShape.Primitive"/> names it.</summary>
    Primitive,

    /// <summary>An enum, written as its underlying integer (<see cref="TypeShape.Primitive"/>).</summary>
    Enum,

    /// <summary><c>T?</c> for a value type: nil or the value.</summary>
    Nullable,

    /// <summary><c>T[]</c> or <c>IReadOnlyList&lt;T&gt;</c> (read back as an array).</summary>
    Array,

    /// <summary><c>List&lt;T&gt;</c>.</summary>
    List,

    /// <summary><c>Dictionary&lt;K, V&gt;</c> or <c>IReadOnlyDictionary&lt;K, V&gt;</c>: a MessagePack map.</summary>
    Dictionary,

    /// <summary>A record, class or struct: an array of its members (DESIGN D11).</summary>
    Object,
}

/// <summary>
/// One type reachable from a room's messages, as the emitter needs it: no symbols, only names, so equal compilations
/// give equal shapes. Types refer to each other by <see cref="Key"/> (the <c>global::</c>-qualified name).
/// </summary>
/// <param name="Key">Fully qualified C# name, e.g. <c>global::Game.PlaceMark</c> or <c>int[]</c>.</param>
/// <param name="Kind">How it is written.</param>
/// <param name="Name">An identifier for the emitted helpers (unique within one contract).</param>
/// <param name="Primitive">The scalar (Int32, String, Bytes, Guid…) for primitives and enums.</param>
/// <param name="Element">Element key (arrays, lists, nullables) or the map's key type.</param>
/// <param name="Value">The map's value type.</param>
/// <param name="IsValueType">Structs are never nil.</param>
/// <param name="Members">Object members in wire order (constructor parameters first).</param>
/// <param name="Construction">For objects: how to build one.</param>
internal sealed record TypeShape(
    string Key,
    ShapeKind Kind,
    string Name,
    string? Primitive,
    string? Element,
    string? Value,
    bool IsValueType,
    EquatableArray<MemberShape> Members,
    ObjectConstruction Construction);

/// <summary>How an object is created when read.</summary>
internal enum ObjectConstruction
{
    /// <summary>Not an object.</summary>
    None,

    /// <summary><c>new T(ctor members…) { init members… }</c>, then settable members.</summary>
    Constructor,
}

/// <summary>One member of an object, in wire order.</summary>
/// <param name="Name">The property name.</param>
/// <param name="TypeKey">The member type's <see cref="TypeShape.Key"/>.</param>
/// <param name="Binding">How the value gets into the object when read.</param>
/// <param name="DefaultValue">C# expression for a missing member (a constructor parameter's default, else <c>default</c>).</param>
/// <param name="Required">A <c>required</c> property: always in the object initializer (the compiler demands it).</param>
internal sealed record MemberShape(string Name, string TypeKey, MemberBinding Binding, string DefaultValue, bool Required = false);

/// <summary>How a read member value reaches the object.</summary>
internal enum MemberBinding
{
    /// <summary>A constructor argument.</summary>
    Constructor,

    /// <summary>An <c>init</c> property in the object initializer, only when present (so an initializer's value survives).</summary>
    Init,

    /// <summary>A settable property, assigned only when present (so an initializer's value survives).</summary>
    Set,
}
