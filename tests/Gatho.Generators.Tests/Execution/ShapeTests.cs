using Gatho.Generators.Tests.Support;

namespace Gatho.Generators.Tests.Execution;

/// <summary>
/// Message and room shapes users write besides the main execution room: each must compile cleanly (warnings are
/// errors) and its message must come back equal through the generated contract.
/// </summary>
public class ShapeTests
{
    public static TheoryData<string, string, string> Shapes => new()
    {
        {
            "required properties",
            """
            public sealed class Msg
            {
                public required string Name { get; set; }
                public required int Level { get; init; }
                public int Extra { get; set; } = 4;
                public override string ToString() => $"Msg({Name}, {Level}, {Extra})";
            }
            """,
            """new Msg { Name = "n", Level = 2, Extra = 9 }"""
        },
        {
            "keyword member names",
            """public sealed record Msg(int @class, string @event) { public int @default { get; set; } }""",
            """new Msg(1, "e") { @default = 3 }"""
        },
        {
            "recursive type",
            """public sealed record Msg(int Value, Msg? Next);""",
            """new Msg(1, new Msg(2, null))"""
        },
        {
            "inherited record",
            """public record Base(int A); public sealed record Msg(int A, string B) : Base(A);""",
            """new Msg(1, "b")"""
        },
        {
            "two message types with one simple name",
            """public sealed record Msg(Other.Msg Inner); namespace Other { public sealed record Msg(int X); }""",
            """new Msg(new Other.Msg(5))"""
        },
        {
            "constructor defaults of every literal kind",
            """public enum Tone { Low = -1, High = 1 } public sealed record Msg(int I = -3, double D = 0.5, float F = 1.25f, decimal M = 2.5m, bool B = true, char C = 'q', string S = "s\"t", Tone T = Tone.Low, long L = long.MinValue, string? N = null);""",
            """new Msg()"""
        },
        {
            "struct with a constructor",
            """public readonly struct Msg { public Msg(int x, string y) { X = x; Y = y; } public int X { get; } public string Y { get; } public override string ToString() => $"{X}/{Y}"; }""",
            """new Msg(3, "y")"""
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_message_shape_compiles_cleanly_and_round_trips(string shape, string declarations, string sample)
    {
        var source = $$"""
            using Gatho;

            namespace Probe
            {
                {{declarations}}

                [GathoRoom("probe")]
                [Sends(typeof(Msg))]
                public partial class ProbeRoom
                {
                    [OnMessage] private void On(IRoomClient client, Msg msg) => Send(client, msg);
                }

                public static class Samples
                {
                    public static object Sample() => {{sample}};
                }
            }
            """;

        var (assembly, generated) = Compiler.Load("Probe", source);
        var loaded = new LoadedAssembly(assembly, generated);
        var contract = loaded.Contract("Probe.ProbeRoom");
        var sent = loaded.Static("Probe.Samples", "Sample")!;

        var back = contract.Decode(contract.Encode(sent));

        Assert.True(sent.ToString() == back.ToString(), $"{shape}: sent {sent}, got back {back}");
    }

    [Fact]
    public void Missing_members_take_the_constructor_defaults_of_every_literal_kind()
    {
        var source = """
            using Gatho;

            namespace Defaults;

            public enum Tone { Low = -1, High = 1 }

            public sealed record Msg(int I = -3, double D = 0.5, float F = 1.25f, decimal M = 2.5m, bool B = true, char C = 'q', string S = "s\"t", Tone T = Tone.Low, long L = long.MinValue, string? N = null, double Nan = double.NaN, float Inf = float.NegativeInfinity);

            [GathoRoom("defaults")]
            public partial class DefaultsRoom
            {
                [OnMessage] private void On(IRoomClient client, Msg msg) { }
            }
            """;
        var (assembly, generated) = Compiler.Load("Defaults", source);
        var loaded = new LoadedAssembly(assembly, generated);
        var contract = loaded.Contract("Defaults.DefaultsRoom");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePack.MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.Write(contract.IdOf(loaded.Type("Defaults.Msg"))!.Value);
        writer.WriteArrayHeader(0); // a sender that knows none of the members
        writer.Flush();

        var read = contract.Decode(buffer.WrittenMemory);

        Assert.Equal("Msg { I = -3, D = 0.5, F = 1.25, M = 2.5, B = True, C = q, S = s\"t, T = Low, L = -9223372036854775808, N = , Nan = NaN, Inf = " + float.NegativeInfinity + " }", read.ToString());
    }

    // Compiled once for the four cases below.
    private static readonly Lazy<LoadedAssembly> Inits = new(() =>
    {
        const string source = """
                using Gatho;

                namespace Inits;

                public sealed class Msg
                {
                    public int A { get; init; } = 1;
                    public int B { get; init; } = 2;
                    public int C { get; set; } = 3;
                    public override string ToString() => $"{A}/{B}/{C}";
                }

                [GathoRoom("inits")]
                public partial class InitsRoom
                {
                    [OnMessage] private void On(IRoomClient client, Msg msg) { }
                }
                """;
        var (assembly, generated) = Compiler.Load("Inits", source);
        return new LoadedAssembly(assembly, generated);
    });

    [Theory]
    [InlineData(0, "1/2/3")]
    [InlineData(1, "9/2/3")]
    [InlineData(2, "9/8/3")]
    [InlineData(3, "9/8/7")]
    public void Init_and_settable_properties_a_sender_did_not_write_keep_their_initializers(int written, string expected)
    {
        var loaded = Inits.Value;
        var contract = loaded.Contract("Inits.InitsRoom");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePack.MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.Write(contract.IdOf(loaded.Type("Inits.Msg"))!.Value);
        writer.WriteArrayHeader(written);
        foreach (var value in new[] { 9, 8, 7 }.Take(written))
        {
            writer.Write(value);
        }

        writer.Flush();

        Assert.Equal(expected, contract.Decode(buffer.WrittenMemory).ToString());
    }

    [Theory]
    [InlineData("Room", "namespace Probe;")]
    [InlineData("GlobalRoom", "")]
    public void Rooms_named_Room_or_in_the_global_namespace_compile_cleanly(string name, string ns)
    {
        var source = $$"""
            using Gatho;
            {{ns}}

            public sealed record Hello(string Text);

            [GathoRoom("probe")]
            [Sends(typeof(Hello))]
            public partial class {{name}}
            {
                [OnJoin] private void Joined(IRoomClient client) => Send(client, new Hello("hi"));
            }

            [GathoClient(typeof({{name}}))]
            public partial class {{name}}Client;
            """;

        Compiler.Load("Names", source);
    }
}
