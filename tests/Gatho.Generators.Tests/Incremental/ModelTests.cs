using System.Reflection;
using Gatho.Generators.Model;
using Gatho.Generators.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Tests.Incremental;

/// <summary>
/// The models the pipeline caches hold no Roslyn objects (a symbol or compilation kept in a model roots the whole
/// compilation and defeats caching) and compare by value: same source twice, equal models.
/// </summary>
public class ModelTests
{
    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree), typeof(AttributeData) };

    private static readonly string[] Sources = { Support.Sources.Kinds, Support.Sources.Exec };

    private const string Small = """
        using Gatho;

        namespace Small;

        public sealed record Blink(int N);

        public sealed record Seen(string Who, int[] Cells);

        [GathoRoom("small")]
        [Sends(typeof(Seen))]
        public partial class SmallRoom
        {
            [OnMessage] private void On(IRoomClient client, Blink blink) { }
        }
        """;

    [Fact]
    public void Room_and_client_models_hold_no_symbol_compilation_syntax_node_semantic_model_or_location()
    {
        var models = Models(Compiler.Generate(Compiler.Compile("Graph", Sources)));
        Assert.Contains(models, m => m is RoomModel);
        Assert.Contains(models, m => m is ClientModel);

        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var model in models)
        {
            Walk(model, model.GetType().Name, seen);
        }

        Assert.True(seen.Count > 50, $"walked only {seen.Count} objects: the walk does not reach into the model");
    }

    [Fact]
    public void Model_types_declare_no_roslyn_typed_field()
    {
        var visited = new HashSet<Type>();
        Check(typeof(RoomModel), visited);
        Check(typeof(ClientModel), visited);
        Assert.Contains(typeof(TypeShape), visited);
        Assert.Contains(typeof(MemberShape), visited);
    }

    [Fact]
    public void The_same_source_twice_gives_equal_models_and_hash_codes()
    {
        var first = Models(Compiler.Generate(Compiler.Compile("Twice1", Sources)));
        var second = Models(Compiler.Generate(Compiler.Compile("Twice2", Sources)));
        Assert.Equal(2, first.Count);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i], second[i]);
            Assert.Equal(first[i].GetHashCode(), second[i].GetHashCode());
            Assert.NotSame(first[i], second[i]);
        }
    }

    [Fact]
    public void A_different_room_gives_an_unequal_model()
    {
        var first = Models(Compiler.Generate(Compiler.Compile("Diff1", Small))).OfType<RoomModel>().Single();
        var edited = Small.Replace("record Blink(int N)", "record Blink(long N)", StringComparison.Ordinal);
        var second = Models(Compiler.Generate(Compiler.Compile("Diff2", edited))).OfType<RoomModel>().Single();

        Assert.NotEqual(first, second);
        Assert.Equal(first with { Contract = second.Contract }, second);
    }

    /// <summary>The values the tracked room and client steps produced.</summary>
    private static List<object> Models(Generated generated) => new[] { GathoGenerator.Steps.Rooms, GathoGenerator.Steps.Clients }
        .SelectMany(step => generated.Result.TrackedSteps.TryGetValue(step, out var runs) ? runs : Enumerable.Empty<IncrementalGeneratorRunStep>())
        .SelectMany(run => run.Outputs)
        .Select(output => output.Value)
        .ToList();

    private static void Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        var type = value.GetType();
        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} holds a {type.FullName}");
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (type.IsValueType)
        {
            seen.Add(value); // boxed copy: counted, never revisited by reference
        }

        if (value is Array items)
        {
            var n = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{n++}]", seen);
            }
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(value), $"{path}.{field.Name}", seen);
            }
        }
    }

    private static void Check(Type type, HashSet<Type> visited)
    {
        if (!visited.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
        {
            return;
        }

        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"model type {type.FullName} is a Roslyn type");
        if (type.IsArray)
        {
            Check(type.GetElementType()!, visited);
            return;
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes)
        {
            Check(argument, visited);
        }

        if (type.Assembly != typeof(RoomModel).Assembly)
        {
            return; // BCL types (ImmutableArray<T>, Nullable<T>): their type arguments are what matters
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Assert.False(field.FieldType == typeof(object), $"{type.Name}.{field.Name} is typed object: it could hold anything");
            Check(Nullable.GetUnderlyingType(field.FieldType) ?? field.FieldType, visited);
        }
    }
}
