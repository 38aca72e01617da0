using Gatho.Generators.Model;
using Gatho.Generators.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Tests.Unsupported;

/// <summary>
/// Every shape the generator cannot bind is a structured problem (a GATHOnnnn rule, its arguments, a source location)
/// in the room or client model, and the generator emits nothing for it: no half a room, no compiler error of its own.
/// The analyzers report the problem at that location (tests/Gatho.Analyzers.Tests); never a silent skip (DESIGN D11).
/// </summary>
public class UnsupportedShapeTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Gatho;

        namespace Bad;

        public sealed record Move(int Cell);

        """;

    public static TheoryData<string, string, string, string> Shapes => new()
    {
        { "non-partial room", """[GathoRoom("r")] public class R { }""", "GATHO1001", "R" },
        { "generic room", """[GathoRoom("r")] public partial class R<T> { }""", "GATHO1003", "R" },
        { "static room", """[GathoRoom("r")] public static partial class R { }""", "GATHO1004", "R" },
        { "non-partial containing type", """public class Outer { [GathoRoom("r")] public partial class R { } }""", "GATHO1002", "Outer" },
        { "empty room type", """[GathoRoom("")] public partial class R { }""", "GATHO1005", "\"\"" },
        { "message handler without the client", """[GathoRoom("r")] public partial class R { [OnMessage] void M(Move move) { } }""", "GATHO1008", "(IRoomClient client, TMessage message)" },
        { "lifecycle handler with a wrong parameter", """[GathoRoom("r")] public partial class R { [OnJoin] void J(string who) { } }""", "GATHO1008", "(IRoomClient client)" },
        { "drop handler with a wrong second parameter", """[GathoRoom("r")] public partial class R { [OnDrop] void D(IRoomClient c, string code) { } }""", "GATHO1008", "(IRoomClient client, int closeCode) or (IRoomClient client)" },
        { "async void handler", """[GathoRoom("r")] public partial class R { [OnMessage] async void M(IRoomClient c, Move m) { await Task.Yield(); } }""", "GATHO1010", "M" },
        { "async void lifecycle handler", """[GathoRoom("r")] public partial class R { [OnJoin] async void J(IRoomClient c) { await Task.Yield(); } }""", "GATHO1010", "J" },
        { "generic handler", """[GathoRoom("r")] public partial class R { [OnMessage] void M<T>(IRoomClient c, Move m) { } }""", "GATHO1011", "M" },
        { "handler returning a value", """[GathoRoom("r")] public partial class R { [OnMessage] int M(IRoomClient c, Move m) => 0; }""", "GATHO1009", "int" },
        { "handler returning ValueTask of a value", """[GathoRoom("r")] public partial class R { [OnLeave] ValueTask<int> L(IRoomClient c) => default; }""", "GATHO1009", "System.Threading.Tasks.ValueTask<int>" },
        { "auth handler returning bool", """[GathoRoom("r")] public partial class R { [OnAuth] bool A(AuthRequest r) => true; }""", "GATHO1009", "AuthResult, ValueTask<AuthResult> or Task<AuthResult>" },
        { "two handlers of one lifecycle callback", """[GathoRoom("r")] public partial class R { [OnJoin] void A(IRoomClient c) { } [OnJoin] void B(IRoomClient c) { } }""", "GATHO1007", "B" },
        { "two handlers of one message type", """[GathoRoom("r")] public partial class R { [OnMessage] void A(IRoomClient c, Move m) { } [OnMessage] void B(IRoomClient c, Move m) { } }""", "GATHO1101", "Bad.Move" },
        { "two text handlers", """[GathoRoom("r")] public partial class R { [OnMessage] void A(IRoomClient c, string t) { } [OnMessage] void B(IRoomClient c, string t) { } }""", "GATHO1101", "raw text (string)" },
        { "two bytes handlers", """[GathoRoom("r")] public partial class R { [OnMessage] void A(IRoomClient c, ReadOnlyMemory<byte> d) { } [OnMessage] void B(IRoomClient c, ReadOnlyMemory<byte> d) { } }""", "GATHO1101", "raw bytes (ReadOnlyMemory<byte>)" },
        { "object member", """public sealed record Any(object Value); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Any a) { } }""", "GATHO1104", "Any.Value" },
        { "HashSet member", """public sealed record Set(HashSet<int> Values); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Set s) { } }""", "GATHO1104", "System.Collections.Generic.HashSet<int>" },
        { "interface collection member", """public sealed record L(IList<int> Values); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, L l) { } }""", "GATHO1104", "System.Collections.Generic.IList<int>" },
        { "tuple member", """public sealed record T((int, int) Pair); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, T t) { } }""", "GATHO1104", "T.Pair" },
        { "multi-dimensional array member", """public sealed record G(int[,] Cells); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, G g) { } }""", "GATHO1104", "int[*,*]" },
        { "generic message type", """public sealed record Box<T>(T Value); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Box<int> b) { } }""", "GATHO1106", "Bad.Box<int>" },
        { "message without a usable constructor", """public sealed class C { public C(string unrelated) { } public int A { get; set; } } [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, C m) { } }""", "GATHO1108", "Bad.C" },
        { "public field", """public struct V { public float X; public float Y { get; set; } } [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, V v) { } }""", "GATHO1109", "Bad.V.X" },
        { "private nested message type", """[GathoRoom("r")] public partial class R { private sealed record P(int A); [OnMessage] void M(IRoomClient c, P p) { } }""", "GATHO1107", "Bad.R.P" },
        { "abstract message type", """public abstract record Shape(int Sides); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Shape s) { } }""", "GATHO1105", "Bad.Shape" },
        { "interface message type", """public interface IMove { } [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, IMove m) { } }""", "GATHO1105", "Bad.IMove" },
        { "array message type", """[GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, int[] cells) { } }""", "GATHO1105", "int[]" },
        { "sent type that is not an object", """[GathoRoom("r")] [Sends(typeof(int))] public partial class R { }""", "GATHO1110", "int" },
        { "client naming a class that is not a room", """public class NotARoom { } [GathoClient(typeof(NotARoom))] public partial class C;""", "GATHO1202", "Bad.NotARoom" },
        { "non-partial client", """[GathoRoom("r")] public partial class R { } [GathoClient(typeof(R))] public class C { }""", "GATHO1201", "C" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void An_unsupported_shape_generates_nothing_and_is_a_problem_at_its_rule(string shape, string source, string ruleId, string argument)
    {
        var generated = Compiler.Generate(Compiler.Compile("Bad", Usings + source));

        Assert.Null(generated.Result.Exception);
        var problems = ProblemsOf(generated);
        Assert.True(
            problems.Any(p => p.RuleId == ruleId && p.Arguments.Contains(argument) && p.Location is not null),
            $"{shape}: expected a {ruleId} problem with the argument \"{argument}\" at a source location; got:\n{string.Join("\n", problems)}");
        Assert.DoesNotContain(generated.Result.GeneratedSources, s => HintsWithProblems(generated).Contains(s.HintName));
        Assert.True(generated.Problems().Count == 0, $"{shape}: the compilation has errors beyond the problem:\n{string.Join("\n", generated.Problems().Select(Generated.Describe))}");
    }

    [Fact]
    public void A_room_with_a_problem_emits_nothing_not_half_a_room()
    {
        var generated = Compiler.Generate(Compiler.Compile("Half", Usings + """[GathoRoom("r")] public partial class R { [OnMessage] void M(Move move) { } [OnJoin] void J(IRoomClient c) { } }"""));

        Assert.DoesNotContain(generated.Result.GeneratedSources, s => s.HintName == "Bad.R.Room.g.cs");
        var problem = Assert.Single(ProblemsOf(generated));
        Assert.Equal("GATHO1008", problem.RuleId);
        Assert.Equal("Source0.cs", problem.Location!.FilePath);
        Assert.Empty(generated.Problems());
    }

    [Fact]
    public void A_client_of_a_room_with_a_problem_emits_nothing_and_compiles()
    {
        var generated = Compiler.Generate(Compiler.Compile("Waits", Usings + """[GathoRoom("r")] public partial class R { [OnMessage] void M(Move move) { } } [GathoClient(typeof(R))] public partial class C;"""));

        Assert.DoesNotContain(generated.Result.GeneratedSources, s => s.HintName.StartsWith("Bad.", StringComparison.Ordinal));
        Assert.Empty(generated.Problems());
    }

    [Fact]
    public void A_typed_client_without_a_reference_to_Gatho_Client_generates_nothing_and_is_a_GATHO0001_problem()
    {
        var withoutClient = Compiler.References.Where(r => !r.Display!.EndsWith("Gatho.Client.dll", StringComparison.Ordinal));
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoClient",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Usings + """[GathoRoom("r")] public partial class R { } [GathoClient(typeof(R))] public partial class C;""", Compiler.ParseOptions) },
            withoutClient,
            Compiler.Compile("Options").Options);

        var generated = Compiler.Generate(compilation);

        Assert.Contains(ProblemsOf(generated), p => p.RuleId == "GATHO0001" && p.Arguments.Contains("C"));
        Assert.DoesNotContain(generated.Result.GeneratedSources, s => s.HintName == "Bad.C.Client.g.cs");
    }

    /// <summary>The hint names of the room and client models that have problems (their files must not exist).</summary>
    private static List<string> HintsWithProblems(Generated generated) => Models(generated)
        .Select(model => model switch
        {
            RoomModel { Problems.Length: > 0 } room => room.HintName,
            ClientModel { Problems.Length: > 0 } client => client.HintName,
            _ => null,
        })
        .OfType<string>()
        .ToList();

    private static IEnumerable<object> Models(Generated generated) => new[] { GathoGenerator.Steps.Rooms, GathoGenerator.Steps.Clients }
        .SelectMany(step => generated.Result.TrackedSteps.TryGetValue(step, out var runs) ? runs : Enumerable.Empty<IncrementalGeneratorRunStep>())
        .SelectMany(run => run.Outputs)
        .Select(output => output.Value);

    /// <summary>Every problem of the room and client models the tracked steps produced.</summary>
    private static List<Problem> ProblemsOf(Generated generated) => Models(generated)
        .SelectMany(model => model switch
        {
            RoomModel room => room.Problems.AsImmutableArray(),
            ClientModel client => client.Problems.AsImmutableArray(),
            _ => System.Collections.Immutable.ImmutableArray<Problem>.Empty,
        })
        .ToList();
}
