using Gatho.Generators.Parsing;
using Gatho.Generators.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Tests.Naming;

/// <summary>
/// <see cref="TypeNames.IsNamed"/> recognises attribute classes by name without building display strings; for a
/// non-generic type it must answer exactly what comparing <c>ToDisplayString()</c> answered, for every shape of name,
/// and a generic type matches nothing (no attribute the generator looks for is generic).
/// </summary>
public sealed class TypeNameMatchTests
{
    private const string Source = """
        namespace Gatho.Typed { public sealed class OnMessageAttribute : System.Attribute { } }
        namespace XGatho.Typed { public sealed class OnMessageAttribute : System.Attribute { } }
        namespace Gatho { public sealed class Typed { public sealed class OnMessageAttribute : System.Attribute { } } }
        namespace Other.Gatho.Typed { public sealed class OnMessageAttribute : System.Attribute { } }
        namespace Gatho.Typed { public sealed class Generic<T> : System.Attribute { } }
        public sealed class TopLevelAttribute : System.Attribute { }
        """;

    public static TheoryData<string> Types => new()
    {
        "Gatho.Typed.OnMessageAttribute",
        "XGatho.Typed.OnMessageAttribute",
        "Gatho.Typed+OnMessageAttribute",
        "Other.Gatho.Typed.OnMessageAttribute",
        "TopLevelAttribute",
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void It_agrees_with_the_display_string_for_every_candidate_name(string metadataName)
    {
        var type = Compiler.Compile("Names", Source).GetTypeByMetadataName(metadataName)!;
        Assert.NotNull(type);
        foreach (var candidate in new[]
        {
            "Gatho.Typed.OnMessageAttribute", "OnMessageAttribute", "Typed.OnMessageAttribute", "XGatho.Typed.OnMessageAttribute",
            "Other.Gatho.Typed.OnMessageAttribute", "Gatho.Typed.Generic", "Gatho.Typed.Generic<T>", "TopLevelAttribute",
            ".TopLevelAttribute", "Gatho.TopLevelAttribute", "Gatho.Typed.OnMessageAttributeX", string.Empty,
        })
        {
            Assert.True(
                (type.ToDisplayString() == candidate) == TypeNames.IsNamed(type, candidate),
                $"{type.ToDisplayString()} against \"{candidate}\": IsNamed said {TypeNames.IsNamed(type, candidate)}");
        }
    }

    [Fact]
    public void A_generic_type_matches_no_name_not_even_its_display_string()
    {
        var type = Compiler.Compile("Names", Source).GetTypeByMetadataName("Gatho.Typed.Generic`1")!;
        Assert.Equal("Gatho.Typed.Generic<T>", type.ToDisplayString());
        Assert.False(TypeNames.IsNamed(type, "Gatho.Typed.Generic<T>"));
        Assert.False(TypeNames.IsNamed(type, "Gatho.Typed.Generic"));
    }

    [Fact]
    public void No_type_has_no_name()
    {
        Assert.False(TypeNames.IsNamed(null, "Gatho.Typed.OnMessageAttribute"));
    }
}
