using System.Collections.Immutable;
using Gatho.Analyzers.Tests.Support;
using Gatho.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatho.Analyzers.Tests.Generation;

/// <summary>
/// A room or client with an error gets no generated file at all, and the compilation has no error besides the
/// GATHOnnnn diagnostic: the user sees the one message that says what to change, not a cascade from half a room.
/// Runs the generator and every analyzer of the assembly, as a build does.
/// </summary>
public sealed class ErrorRoomTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Gatho;

        namespace Bad;

        public sealed record Move(int Cell);

        """;

    /// <summary>The rule, the source, and the one file that may be generated (the valid room of a client case), or "".</summary>
    public static TheoryData<string, string, string> Errors => new()
    {
        { "GATHO1001", """[GathoRoom("r")] public class R { }""", "" },
        { "GATHO1002", """public class Outer { [GathoRoom("r")] public partial class R { } }""", "" },
        { "GATHO1003", """[GathoRoom("r")] public partial class R<T> { }""", "" },
        { "GATHO1004", """[GathoRoom("r")] public static partial class R { }""", "" },
        { "GATHO1005", """[GathoRoom("")] public partial class R { }""", "" },
        { "GATHO1007", """[GathoRoom("r")] public partial class R { [OnJoin] void A(IRoomClient c) { } [OnJoin] void B(IRoomClient c) { } }""", "" },
        { "GATHO1008", """[GathoRoom("r")] public partial class R { [OnMessage] void M(Move move) { } }""", "" },
        { "GATHO1008", """[GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, ref Move m) { } }""", "" },
        { "GATHO1008", """[GathoRoom("r")] public partial class R { [OnJoin] void J(out IRoomClient c) { c = null!; } }""", "" },
        { "GATHO1009", """[GathoRoom("r")] public partial class R { [OnMessage] int M(IRoomClient c, Move m) => 0; }""", "" },
        { "GATHO1010", """[GathoRoom("r")] public partial class R { [OnJoin] async void J(IRoomClient c) { await Task.Yield(); } }""", "" },
        { "GATHO1011", """[GathoRoom("r")] public partial class R { [OnMessage] void M<T>(IRoomClient c, Move m) { } }""", "" },
        { "GATHO1101", """[GathoRoom("r")] public partial class R { [OnMessage] void A(IRoomClient c, Move m) { } [OnMessage] void B(IRoomClient c, Move m) { } }""", "" },
        { "GATHO1102", """[GathoMessage(Id = 1)] public sealed record A(int X); [GathoMessage(Id = 1)] public sealed record B(int Y); [GathoRoom("r")] [Sends(typeof(A), typeof(B))] public partial class R { }""", "" },
        { "GATHO1104", """public sealed record Set(HashSet<int> Values); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Set s) { } }""", "" },
        { "GATHO1105", """public interface IMove { } [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, IMove m) { } }""", "" },
        { "GATHO1105", """public ref struct Span2 { public int A { get; set; } } [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Span2 m) { } }""", "" },
        { "GATHO1106", """public sealed record Box<T>(T Value); [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Box<int> b) { } }""", "" },
        { "GATHO1107", """[GathoRoom("r")] public partial class R { internal sealed record P(int A); [OnMessage] void M(IRoomClient c, P p) { } }""", "" },
        { "GATHO1108", """public sealed class C { public C(string unrelated) { } public int A { get; set; } } [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, C m) { } }""", "" },
        { "GATHO1109", """public struct V { public float X; } [GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, V v) { } }""", "" },
        { "GATHO1110", """[GathoRoom("r")] [Sends(typeof(int))] public partial class R { }""", "" },
        { "GATHO1201", """[GathoRoom("r")] public partial class R { } [GathoClient(typeof(R))] public class C { }""", "Bad.R.Room.g.cs" },
        { "GATHO1202", """public class NotARoom { } [GathoClient(typeof(NotARoom))] public partial class C;""", "" },
        { "GATHO1204", """[GathoRoom("r")] public partial class R { } [GathoClient(typeof(R))] public static partial class C;""", "Bad.R.Room.g.cs" },
        { "GATHO1203", """[GathoRoom("r")] public partial class R { } public class Outer { [GathoClient(typeof(R))] public partial class C; }""", "Bad.R.Room.g.cs" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task A_room_or_client_with_an_error_generates_nothing_and_only_the_diagnostic_fails_the_build(string id, string source, string validRoomFile)
    {
        var (generated, compilerErrors, analyzerDiagnostics) = await BuildAsync(Usings + source);

        Assert.Contains(analyzerDiagnostics, d => d.Id == id && d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(validRoomFile.Length == 0 ? Array.Empty<string>() : new[] { validRoomFile }, generated.Where(h => h != "Gatho.IsExternalInit.g.cs"));
        Assert.True(compilerErrors.Length == 0, $"{id}: compiler errors beyond the diagnostic:\n{string.Join("\n", compilerErrors)}");
    }

    [Fact]
    public async Task The_same_room_without_the_error_generates_its_file()
    {
        var (generated, compilerErrors, analyzerDiagnostics) = await BuildAsync(Usings + """[GathoRoom("r")] public partial class R { [OnMessage] void M(IRoomClient c, Move move) { } } [GathoClient(typeof(R))] public partial class C;""");

        Assert.Contains("Bad.R.Room.g.cs", generated);
        Assert.Contains("Bad.C.Client.g.cs", generated);
        Assert.Empty(compilerErrors);
        Assert.DoesNotContain(analyzerDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task Handlers_named_with_keywords_generate_code_that_compiles()
    {
        var (generated, compilerErrors, _) = await BuildAsync(Usings + """[GathoRoom("r")] public partial class R { [OnMessage] void @event(IRoomClient c, Move m) { } [OnJoin] void @class(IRoomClient c) { } }""");

        Assert.Contains("Bad.R.Room.g.cs", generated);
        Assert.Empty(compilerErrors);
    }

    [Fact]
    public async Task Record_rooms_and_record_clients_generate_code_that_compiles()
    {
        var (generated, compilerErrors, _) = await BuildAsync(Usings + """[GathoRoom("r")] public partial record R { [OnMessage] void M(IRoomClient c, Move m) { } } [GathoClient(typeof(R))] public partial record C;""");

        Assert.Contains("Bad.R.Room.g.cs", generated);
        Assert.Contains("Bad.C.Client.g.cs", generated);
        Assert.Empty(compilerErrors);
    }

    [Fact]
    public async Task A_client_of_a_room_with_an_error_waits_for_the_room_without_errors_of_its_own()
    {
        var (generated, compilerErrors, analyzerDiagnostics) = await BuildAsync(Usings + """[GathoRoom("r")] public partial class R { [OnMessage] void M(Move move) { } } [GathoClient(typeof(R))] public partial class C;""");

        Assert.Equal("GATHO1008", Assert.Single(analyzerDiagnostics, d => d.Severity == DiagnosticSeverity.Error).Id);
        Assert.DoesNotContain("Bad.C.Client.g.cs", generated);
        Assert.Empty(compilerErrors);
    }

    /// <summary>Generates, then compiles and runs every analyzer: the hint names generated, the compiler's errors, the analyzers' diagnostics.</summary>
    private static async Task<(string[] Generated, string[] CompilerErrors, ImmutableArray<Diagnostic> AnalyzerDiagnostics)> BuildAsync(string source)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Bad",
            new[] { CSharpSyntaxTree.ParseText(source, parse, path: "Bad.cs") },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new[] { new GathoGenerator().AsSourceGenerator() }, parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var generated = driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).ToArray();
        var compilerErrors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
        var analyzers = typeof(HelpLinks).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var diagnostics = await output.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        return (generated, compilerErrors, diagnostics);
    }
}
