using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Gatho.Generators.Model;

namespace Gatho.Generators.Emitting;

/// <summary>
/// Emits a room's <c>GathoContract</c>: message ids, an <c>IMessagePackFormatter&lt;T&gt;</c> and a resolver for every
/// object reachable from its messages, and the typed envelope calls room glue and typed clients use (DESIGN D6, D11).
/// Everything writes and reads with MessagePack 2.5's writer and reader; nothing is reflected or emitted at run time.
/// </summary>
internal static class ContractEmitter
{
    private const string Writer = "ref global::MessagePack.MessagePackWriter writer";
    private const string Reader = "ref global::MessagePack.MessagePackReader reader";
    private const string Scalars = "global::Gatho.Typed.MessageScalars";

    public static void Emit(SourceWriter w, ContractModel contract)
    {
        var shapes = contract.Shapes.ToDictionary(s => s.Key);
        var messages = contract.Accepted.Concat(contract.Sent).Distinct().OrderBy(m => m.TypeKey, System.StringComparer.Ordinal).ToList();
        // Member types keep their nested annotations (string?[], List<Item?>), which the shared helpers' parameters do not
        // repeat: nullability is the message author's business, so the codec does not warn about it.
        w.Line("#nullable disable warnings");
        w.Line("/// <summary>The room's typed-message contract: ids, formatters and the <c>[id, body]</c> envelope (generated).</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("public sealed class GathoContract : global::Gatho.Typed.IMessageContract"))
        {
            w.Line("/// <summary>The one instance.</summary>");
            w.Line("public static readonly GathoContract Instance = new GathoContract();");
            w.Line();
            w.Line("private GathoContract()").Line("{").Line("}").Line();
            w.Line($"/// <inheritdoc />");
            w.Line($"public string RoomType => {Literal(contract.RoomType)};");
            foreach (var message in messages)
            {
                w.Line();
                w.Line($"/// <summary>The id of <see cref=\"{Cref(message.TypeKey)}\"/>.</summary>");
                w.Line($"public const uint {message.Name}Id = {message.Id.ToString(CultureInfo.InvariantCulture)}u;");
                w.Line();
                w.Line($"/// <summary>Writes <paramref name=\"message\"/> as <c>[{message.Id.ToString(CultureInfo.InvariantCulture)}, body]</c>.</summary>");
                using (w.Block($"public static void Write(global::System.Buffers.IBufferWriter<byte> buffer, {message.TypeKey} message)"))
                {
                    if (!message.IsValueType)
                    {
                        w.Line("if (message is null)").Line("{").Line("    throw new global::System.ArgumentNullException(nameof(message));").Line("}");
                    }

                    w.Line($"global::Gatho.Typed.MessageEnvelope.Write(buffer, {message.Name}Id, message, {shapes[message.TypeKey].Name}Formatter.Instance);");
                }
            }

            w.Line();
            w.Line("/// <summary>Reads a message body of type <typeparamref name=\"T\"/> after its envelope header.</summary>");
            w.Line("public static T Read<T>(ref global::MessagePack.MessagePackReader reader, uint id, int trailingElements) =>");
            w.Line("    global::Gatho.Typed.MessageEnvelope.ReadBody(ref reader, id, trailingElements, Resolver.Formatter<T>());");
            EmitObjectContract(w, contract, messages);
            EmitResolver(w, contract);
            foreach (var shape in contract.Shapes)
            {
                EmitShape(w, shape, shapes);
            }
        }

        w.Line("#nullable restore warnings");
    }

    private static void EmitObjectContract(SourceWriter w, ContractModel contract, List<ContractMessage> messages)
    {
        w.Line();
        w.Line("/// <inheritdoc />");
        using (w.Block("public uint? IdOf(global::System.Type messageType)"))
        {
            foreach (var message in messages)
            {
                w.Line($"if (messageType == typeof({message.TypeKey})) return {message.Name}Id;");
            }

            w.Line("return null;");
        }

        w.Line();
        w.Line("/// <inheritdoc />");
        using (w.Block("public byte[] Encode(object message)"))
        {
            w.Line("using var buffer = global::Gatho.Typed.MessageBuffer.Rent();");
            using (w.Block("switch (message)"))
            {
                var n = 0;
                foreach (var message in messages)
                {
                    w.Line($"case {message.TypeKey} m{n}: Write(buffer, m{n}); break;");
                    n++;
                }

                w.Line($"default: throw new global::System.ArgumentException($\"{{message?.GetType().FullName ?? \"null\"}} is not a message of room type {Escape(contract.RoomType)}\", nameof(message));");
            }

            // A room with only raw handlers has no messages: the switch is then a lone throw, and a return after it
            // would be unreachable code (CS0162, an error under warnings-as-errors).
            if (messages.Count > 0)
            {
                w.Line("return buffer.ToArray();");
            }
        }

        w.Line();
        w.Line("/// <inheritdoc />");
        using (w.Block("public object Decode(global::System.ReadOnlyMemory<byte> payload)"))
        {
            w.Line("var reader = new global::MessagePack.MessagePackReader(payload);");
            w.Line("if (!global::Gatho.Typed.MessageEnvelope.TryReadHeader(ref reader, out var id, out var trailing))");
            w.Line("{").Line("    throw global::Gatho.Typed.MessageEnvelope.NotAnEnvelope(payload.Length);").Line("}");
            using (w.Block("switch (id)"))
            {
                foreach (var message in messages)
                {
                    w.Line($"case {message.Name}Id: return Read<{message.TypeKey}>(ref reader, id, trailing)!;");
                }

                w.Line($"default: throw global::Gatho.Typed.MessageEnvelope.UnknownId(id, RoomType);");
            }
        }
    }

    private static void EmitResolver(SourceWriter w, ContractModel contract)
    {
        w.Line();
        w.Line("/// <summary>Resolves the contract's formatters (no reflection: a type test per object shape).</summary>");
        using (w.Block("public sealed class Resolver : global::MessagePack.IFormatterResolver"))
        {
            w.Line("/// <summary>The one instance.</summary>");
            w.Line("public static readonly Resolver Instance = new Resolver();");
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line("public global::MessagePack.Formatters.IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;");
            w.Line();
            w.Line("/// <summary>The formatter for <typeparamref name=\"T\"/>; throws when the contract has none.</summary>");
            w.Line("public static global::MessagePack.Formatters.IMessagePackFormatter<T> Formatter<T>() =>");
            w.Line($"    Cache<T>.Formatter ?? throw new global::System.ArgumentException($\"{{typeof(T).FullName}} is not a message type of room type {Escape(contract.RoomType)}\");");
            w.Line();
            using (w.Block("private static object? Lookup(global::System.Type type)"))
            {
                foreach (var shape in contract.Shapes.Where(s => s.Kind == ShapeKind.Object))
                {
                    w.Line($"if (type == typeof({shape.Key})) return {shape.Name}Formatter.Instance;");
                }

                w.Line("return null;");
            }

            w.Line();
            using (w.Block("private static class Cache<T>"))
            {
                w.Line("public static readonly global::MessagePack.Formatters.IMessagePackFormatter<T>? Formatter =");
                w.Line("    (global::MessagePack.Formatters.IMessagePackFormatter<T>?)Lookup(typeof(T));");
            }
        }
    }

    private static void EmitShape(SourceWriter w, TypeShape shape, Dictionary<string, TypeShape> shapes)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Object:
                EmitObject(w, shape, shapes);
                break;
            case ShapeKind.Array:
            case ShapeKind.List:
                EmitSequence(w, shape, shapes);
                break;
            case ShapeKind.Dictionary:
                EmitMap(w, shape, shapes);
                break;
            case ShapeKind.Nullable:
                w.Line();
                using (w.Block($"internal static void Write_{shape.Name}({Writer}, {shape.Key} value)"))
                {
                    w.Line("if (value is null)").Line("{").Line("    writer.WriteNil();").Line("    return;").Line("}");
                    w.Line(WriteValue(shape.Element!, "value.Value", shapes));
                }

                w.Line();
                w.Line($"internal static {shape.Key} Read_{shape.Name}({Reader}) => reader.TryReadNil() ? null : ({shape.Key}){ReadValue(shape.Element!, shapes)};");
                break;
            case ShapeKind.Enum:
                w.Line();
                w.Line($"internal static void Write_{shape.Name}({Writer}, {shape.Key} value) => writer.Write(({ClrOf(shape.Primitive!)})value);");
                w.Line($"internal static {shape.Key} Read_{shape.Name}({Reader}) => ({shape.Key})reader.Read{shape.Primitive}();");
                break;
        }
    }

    private static void EmitObject(SourceWriter w, TypeShape shape, Dictionary<string, TypeShape> shapes)
    {
        var members = shape.Members;
        w.Line();
        w.Line($"/// <summary>Writes and reads <see cref=\"{Cref(shape.Key)}\"/> as an array of its {members.Length} members.</summary>");
        using (w.Block($"public sealed class {shape.Name}Formatter : global::MessagePack.Formatters.IMessagePackFormatter<{shape.Key}>"))
        {
            w.Line("/// <summary>The one instance.</summary>");
            w.Line($"public static readonly {shape.Name}Formatter Instance = new {shape.Name}Formatter();");
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line($"public void Serialize({Writer}, {shape.Key} value, global::MessagePack.MessagePackSerializerOptions options) => Write_{shape.Name}(ref writer, value);");
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line($"public {shape.Key} Deserialize({Reader}, global::MessagePack.MessagePackSerializerOptions options) => Read_{shape.Name}(ref reader);");
        }

        w.Line();
        using (w.Block($"internal static void Write_{shape.Name}({Writer}, {shape.Key}{(shape.IsValueType ? string.Empty : "?")} value)"))
        {
            if (!shape.IsValueType)
            {
                w.Line("if (value is null)").Line("{").Line("    writer.WriteNil();").Line("    return;").Line("}");
            }

            w.Line($"writer.WriteArrayHeader({members.Length});");
            foreach (var member in members)
            {
                w.Line(WriteValue(member.TypeKey, "value." + member.Name, shapes));
            }
        }

        w.Line();
        using (w.Block($"internal static {shape.Key} Read_{shape.Name}({Reader})"))
        {
            w.Line("if (reader.TryReadNil())").Line("{").Line("    return default!;").Line("}");
            w.Line($"{Scalars}.Enter(ref reader);");
            w.Line("var count = reader.ReadArrayHeader();");
            for (var i = 0; i < members.Length; i++)
            {
                w.Line($"var m{i} = count > {i} ? {ReadValue(members[i].TypeKey, shapes)} : {members[i].DefaultValue};");
            }

            w.Line($"for (var i = {members.Length}; i < count; i++)").Line("{").Line("    reader.Skip();").Line("}");
            w.Line($"{Scalars}.Leave(ref reader);");
            Construct(w, shape);
            for (var i = 0; i < members.Length; i++)
            {
                if (members[i].Binding == MemberBinding.Set && !members[i].Required)
                {
                    // Assigned only when present, so a property initializer's value survives an older sender.
                    w.Line($"if (count > {i}) result.{members[i].Name} = m{i};");
                }
            }

            w.Line("return result;");
        }
    }

    /// <summary>
    /// <c>result = new T(constructor members) { init members }</c>. An init property is set only when the sender wrote
    /// it, so its initializer survives an older sender; missing members are always a suffix, so there is one
    /// construction per count of init members present. Required members are always set (with their default when
    /// missing): the compiler demands them in the initializer.
    /// </summary>
    private static void Construct(SourceWriter w, TypeShape shape)
    {
        var members = shape.Members.Select((m, i) => (Member: m, Index: i)).ToList();
        var arguments = string.Join(", ", members.Where(p => p.Member.Binding == MemberBinding.Constructor).Select(p => $"m{p.Index}"));
        var always = members.Where(p => p.Member.Binding != MemberBinding.Constructor && p.Member.Required).ToList();
        var optional = members.Where(p => p.Member.Binding == MemberBinding.Init && !p.Member.Required).ToList();
        string New(IEnumerable<(MemberShape Member, int Index)> initialized)
        {
            var initializers = string.Join(", ", initialized.OrderBy(p => p.Index).Select(p => $"{p.Member.Name} = m{p.Index}"));
            return $"new {shape.Key}({arguments}){(initializers.Length > 0 ? " { " + initializers + " }" : string.Empty)}";
        }

        if (optional.Count == 0)
        {
            w.Line($"var result = {New(always)};");
            return;
        }

        w.Line($"{shape.Key} result;");
        for (var present = optional.Count; present >= 1; present--)
        {
            w.Line($"{(present == optional.Count ? "if" : "else if")} (count > {optional[present - 1].Index})").Line("{");
            w.Line($"    result = {New(always.Concat(optional.Take(present)))};").Line("}");
        }

        w.Line("else").Line("{").Line($"    result = {New(always)};").Line("}");
    }

    private static void EmitSequence(SourceWriter w, TypeShape shape, Dictionary<string, TypeShape> shapes)
    {
        var isArray = shape.Kind == ShapeKind.Array && shape.Primitive is null;
        var count = isArray ? "Length" : "Count";
        w.Line();
        using (w.Block($"internal static void Write_{shape.Name}({Writer}, {shape.Key}? value)"))
        {
            w.Line("if (value is null)").Line("{").Line("    writer.WriteNil();").Line("    return;").Line("}");
            w.Line($"writer.WriteArrayHeader(value.{count});");
            w.Line($"for (var i = 0; i < value.{count}; i++)").Line("{");
            w.Line("    " + WriteValue(shape.Element!, "value[i]", shapes)).Line("}");
        }

        w.Line();
        using (w.Block($"internal static {shape.Key} Read_{shape.Name}({Reader})"))
        {
            w.Line("if (reader.TryReadNil())").Line("{").Line("    return null!;").Line("}");
            w.Line("var count = reader.ReadArrayHeader();");
            if (shape.Kind == ShapeKind.List)
            {
                w.Line($"var result = new {shape.Key}(count);");
                w.Line("for (var i = 0; i < count; i++)").Line("{").Line($"    result.Add({ReadValue(shape.Element!, shapes)});").Line("}");
            }
            else
            {
                w.Line($"var result = {Scalars}.NewArray<{shape.Element}>(count);");
                w.Line("for (var i = 0; i < count; i++)").Line("{").Line($"    result[i] = {ReadValue(shape.Element!, shapes)};").Line("}");
            }

            w.Line("return result;");
        }
    }

    private static void EmitMap(SourceWriter w, TypeShape shape, Dictionary<string, TypeShape> shapes)
    {
        w.Line();
        using (w.Block($"internal static void Write_{shape.Name}({Writer}, {shape.Key}? value)"))
        {
            w.Line("if (value is null)").Line("{").Line("    writer.WriteNil();").Line("    return;").Line("}");
            w.Line("writer.WriteMapHeader(value.Count);");
            w.Line("foreach (var pair in value)").Line("{");
            w.Line("    " + WriteValue(shape.Element!, "pair.Key", shapes));
            w.Line("    " + WriteValue(shape.Value!, "pair.Value", shapes)).Line("}");
        }

        w.Line();
        var concrete = $"global::System.Collections.Generic.Dictionary<{shape.Element}, {shape.Value}>";
        using (w.Block($"internal static {shape.Key} Read_{shape.Name}({Reader})"))
        {
            w.Line("if (reader.TryReadNil())").Line("{").Line("    return null!;").Line("}");
            w.Line("var count = reader.ReadMapHeader();");
            w.Line($"var result = new {concrete}(count);");
            w.Line("for (var i = 0; i < count; i++)").Line("{");
            w.Line($"    var key = {ReadValue(shape.Element!, shapes)};");
            w.Line($"    result[key] = {ReadValue(shape.Value!, shapes)};").Line("}");
            w.Line("return result;");
        }
    }

    /// <summary>A statement writing <paramref name="value"/> of type <paramref name="typeKey"/>.</summary>
    private static string WriteValue(string typeKey, string value, Dictionary<string, TypeShape> shapes)
    {
        if (shapes.TryGetValue(typeKey, out var shape))
        {
            return $"Write_{shape.Name}(ref writer, {value});";
        }

        return ScalarOf(typeKey) switch
        {
            "Bytes" => $"{Scalars}.WriteBytes(ref writer, {value});",
            "Guid" => $"{Scalars}.WriteGuid(ref writer, {value});",
            "Decimal" => $"{Scalars}.WriteDecimal(ref writer, {value});",
            "TimeSpan" => $"{Scalars}.WriteTimeSpan(ref writer, {value});",
            "DateTimeOffset" => $"{Scalars}.WriteDateTimeOffset(ref writer, {value});",
            _ => $"writer.Write({value});",
        };
    }

    /// <summary>An expression reading a value of type <paramref name="typeKey"/>.</summary>
    private static string ReadValue(string typeKey, Dictionary<string, TypeShape> shapes)
    {
        if (shapes.TryGetValue(typeKey, out var shape))
        {
            return $"Read_{shape.Name}(ref reader)";
        }

        return ScalarOf(typeKey) switch
        {
            "Bytes" => $"{Scalars}.ReadBytes(ref reader)!",
            "Guid" => $"{Scalars}.ReadGuid(ref reader)",
            "Decimal" => $"{Scalars}.ReadDecimal(ref reader)",
            "TimeSpan" => $"{Scalars}.ReadTimeSpan(ref reader)",
            "DateTimeOffset" => $"{Scalars}.ReadDateTimeOffset(ref reader)",
            "String" => "reader.ReadString()!",
            var scalar => $"reader.Read{scalar}()",
        };
    }

    /// <summary>The scalar name for a key of a type that has no shape (keys are C# names with special types).</summary>
    private static string ScalarOf(string typeKey) => typeKey switch
    {
        "bool" => "Boolean",
        "byte" => "Byte",
        "sbyte" => "SByte",
        "short" => "Int16",
        "ushort" => "UInt16",
        "int" => "Int32",
        "uint" => "UInt32",
        "long" => "Int64",
        "ulong" => "UInt64",
        "float" => "Single",
        "double" => "Double",
        "char" => "Char",
        "string" => "String",
        "decimal" => "Decimal",
        "byte[]" => "Bytes",
        "global::System.DateTime" => "DateTime",
        "global::System.Guid" => "Guid",
        "global::System.TimeSpan" => "TimeSpan",
        "global::System.DateTimeOffset" => "DateTimeOffset",
        _ => throw new System.InvalidOperationException($"no shape and no scalar for {typeKey}"),
    };

    private static string ClrOf(string scalar) => scalar switch
    {
        "Byte" => "byte",
        "SByte" => "sbyte",
        "Int16" => "short",
        "UInt16" => "ushort",
        "Int32" => "int",
        "UInt32" => "uint",
        "Int64" => "long",
        "UInt64" => "ulong",
        _ => "int",
    };

    public static string Literal(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>Text safe inside an interpolated string literal.</summary>
    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("{", "{{").Replace("}", "}}");

    public static string Cref(string typeKey) => typeKey.Replace("global::", string.Empty).Replace('<', '{').Replace('>', '}');
}
