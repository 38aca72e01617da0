using System.Globalization;
using Gatho.Generators.Tests.Support;

namespace Gatho.Generators.Tests.Unsupported;

/// <summary>
/// Every shape the generator cannot bind fails the build with an <c>#error</c> that says what to change: never a room
/// that silently lacks its glue (DESIGN D11). The next issue turns each into an analyzer diagnostic at the offending line.
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

    public static TheoryData<string, string, string> Shapes => new()
    {
        { "non-partial room", """[GathoRoom("r")] public class R { }""", "a [GathoRoom] class must be partial" },
        { "generic room", """[GathoRoom("r")] public partial class R<T> { }""", "generic room classes are not supported" },
        { "static room", """[GathoRoom("r")] public static partial class R { }""", "a room class cannot be static" },
        { "non-partial containing type", """public class Outer { [GathoRoom("r")] public partial class R { } }""", "its containing type Outer must be partial" },
        { "empty room type", """[GathoRoom("")] public partial class R { }""", "needs a non-empty room type" },
        { "message handler without the client", """[GathoRoom("r")] public partial class R { [OnMessage] void M(Move move) { } }""", "[OnMessage] M must take (IRoomClient client, TMessage message)" },
        { "lifecycle handler with a wrong parameter", """[GathoRoom("r")] public partial class R { [OnJoin] void J(string who) { } }""", "[OnJoin] J must take (IRoomClient client)" },
        { "drop handler with a wrong second parameter", """[GathoRoom("r")] public partial class R { [OnDrop] void D(IRoomClient c, string code) { } }""", "[OnDrop] D must take (IRoomClient client, int closeCode) or (IRoomClient client)" },
        { "async void handler", """[GathoRoom("r")] public partial class R { [OnMessage] async void M(IRoomClient c, Move m) { await Task.Yield(); } }""", "[OnMessage] M is async void" },
        { "async void lifecycle handler", """[GathoRoom("r")] public partial class R { [OnJoin] async void J(IRoomClient c) { await Task.Yield(); } }""", "[OnJoin] J is async void" },
        { "generic handler", """[GathoRoom("r")] public partial class R { [OnMessage] void M<T>(IRoomClient c, Move m) { } }""", "[OnMessage] M cannot be generic" },
        { "handler returning a value", """[GathoRoom("r")] public partial class R { [OnMessage] int M(IRoomClient c, Move m) => 0; }""", "[OnMessage] M must return void, ValueTask or Task" },
        { "handler returning ValueTask of a value", """[GathoRoom("r")] public partial class R { [OnLeave] ValueTask<int> L(IRoomClient c) => default; }""", "[OnLeave] L must return void, ValueTask or Task" },
        { "auth handler returning bool", """[GathoRoom("r")] public partial class R { [OnAuth] bool A(AuthRequest r) => true; }""", "[OnAuth] A must return AuthResult, ValueTask<AuthResult> or Task<AuthResult>" },
        { "two handlers of one lifecycle callback", """[GathoRoom("r")] public partial class R { [OnJoin] void A(IRoomClient c) { } [OnJoin] void B(IRoomClient c) { } }""", "more than one [OnJoin] method (A and B)" },
        { "two handlers of one message type", """[GathoRoom("r")] public partial class R { [OnMessage] void A(IRoomClient c, Move m) { } [OnMessage] void B(IRoomClient c, Move m) { } }""", "more than one [OnMessage] handler for Bad.Move" },
        { "two text handlers", """[GathoRoom("r")] public partial class R { [OnMessage] void A(IRoomClient c, string t) { } [OnMessage] void B(IRoomClient c, string t) { } }""", "more than one [OnMessage] handler for text (string) (A and B)" },
        { "two bytes handlers", """[GathoRoom("r")] public partial class R { [OnMessage] void A(IRoomClient c, ReadOnlyMemory<byte> d) { } [OnMessage] void B(IRoomClient c, ReadOnlyMemory<byte> d) { } }""", "more than one [OnMessage] handler for bytes" },
        { "object member", """public sealed record Any(object Value); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Any a) { } }""", "Any.Value: object is not supported in messages" },
        { "HashSet member", """public sealed record Set(HashSet<int> Values); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Set s) { } }""", "System.Collections.Generic.HashSet<int> is not supported in messages" },
        { "interface collection member", """public sealed record L(IList<int> Values); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, L l) { } }""", "System.Collections.Generic.IList<int> is not supported in messages" },
        { "tuple member", """public sealed record T((int, int) Pair); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, T t) { } }""", "is not supported in messages" },
        { "multi-dimensional array member", """public sealed record G(int[,] Cells); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, G g) { } }""", "multi-dimensional arrays (int[*,*]) are not supported" },
        { "generic message type", """public sealed record Box<T>(T Value); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Box<int> b) { } }""", "generic message types (Bad.Box<int>) are not supported yet" },
        { "message without a usable constructor", """public sealed class C { public C(string unrelated) { } public int A { get; set; } } [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, C m) { } }""", "Bad.C needs a public parameterless constructor or one whose parameters are all its properties" },
        { "public field", """public struct V { public float X; public float Y { get; set; } } [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, V v) { } }""", "Bad.V.X is a public field; messages carry properties only" },
        { "private nested message type", """[GathoRoom("r")] public partial class R { private sealed record P(int A); [OnMessage] void M(IRoomClient c, P p) { } }""", "message type Bad.R.P must be public or internal" },
        { "abstract message type", """public abstract record Shape(int Sides); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Shape s) { } }""", "Bad.Shape cannot be a message type" },
        { "interface message type", """public interface IMove { } [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, IMove m) { } }""", "Bad.IMove cannot be a message type" },
        { "array message type", """[GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, int[] cells) { } }""", "int[] cannot be a message type" },
        { "sent type that is not an object", """[GathoRoom("r")] [Sends(typeof(int))] public partial class R { }""", "[Sends]: int cannot be a message type" },
        { "client naming a class that is not a room", """public class NotARoom { } [GathoClient(typeof(NotARoom))] public partial class C;""", "[GathoClient(typeof(…))] must name a [GathoRoom] class" },
        { "non-partial client", """[GathoRoom("r")] public partial class R { } [GathoClient(typeof(R))] public class C { }""", "a [GathoClient] class must be partial" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void An_unsupported_shape_is_a_compile_error_that_says_what_to_change(string shape, string source, string message)
    {
        var generated = Compiler.Generate(Compiler.Compile("Bad", Usings + source));

        Assert.Null(generated.Result.Exception);
        var errors = generated.Problems().Where(d => d.Id == "CS1029").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToArray();
        Assert.True(errors.Any(e => e.Contains(message, StringComparison.Ordinal)), $"{shape}: expected an #error containing \"{message}\"; got:\n{string.Join("\n", generated.Problems().Select(Generated.Describe))}");
    }

    [Fact]
    public void A_room_with_a_problem_emits_only_the_errors_not_half_a_room()
    {
        var generated = Compiler.Generate(Compiler.Compile("Half", Usings + """[GathoRoom("r")] public partial class R { [OnMessage] void M(Move move) { } }"""));

        var text = generated.Source("Bad.R.Room.g.cs");
        Assert.Contains("#error", text, StringComparison.Ordinal);
        Assert.DoesNotContain("partial class", text, StringComparison.Ordinal);
        Assert.All(generated.Problems(), d => Assert.Equal("CS1029", d.Id));
    }

    [Fact]
    public void A_typed_client_without_a_reference_to_Gatho_Client_is_a_compile_error()
    {
        var withoutClient = Compiler.References.Where(r => !r.Display!.EndsWith("Gatho.Client.dll", StringComparison.Ordinal));
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoClient",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Usings + """[GathoRoom("r")] public partial class R { } [GathoClient(typeof(R))] public partial class C;""", Compiler.ParseOptions) },
            withoutClient,
            Compiler.Compile("Options").Options);

        var generated = Compiler.Generate(compilation);

        Assert.Contains(generated.Problems(), d => d.Id == "CS1029" && d.GetMessage(CultureInfo.InvariantCulture).Contains("typed clients need a reference to Gatho.Client", StringComparison.Ordinal));
    }
}
