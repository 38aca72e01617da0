using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gatho.Benchmarks;

/// <summary>
/// A synthetic room library for the generator benchmark: <c>rooms</c> typed rooms, each in its own file with
/// <c>handlers</c> <c>[OnMessage]</c> methods (one record type each, a few member kinds), a sent state record and two
/// lifecycle methods, plus one file no room is in (the "unrelated edit" target).
/// </summary>
internal static class SyntheticRooms
{
    public const string UnrelatedPath = "Unrelated.cs";

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static IReadOnlyList<SyntaxTree> Trees(int rooms, int handlers)
    {
        var trees = new List<SyntaxTree>(rooms + 1);
        for (var r = 0; r < rooms; r++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(Room(r, handlers), ParseOptions, $"Room{r}.cs", Encoding.UTF8));
        }

        trees.Add(Unrelated(0));
        return trees;
    }

    /// <summary>The file outside every room; <paramref name="version"/> changes a constant in it.</summary>
    public static SyntaxTree Unrelated(int version) => CSharpSyntaxTree.ParseText(
        $$"""
        namespace Synthetic.Other;

        public static class Settings
        {
            public const int Version = {{version}};

            public static int Twice(int value) => value * 2 + Version;
        }
        """,
        ParseOptions,
        UnrelatedPath,
        Encoding.UTF8);

    /// <summary>What a room library compiles against: the runtime's reference set, Gatho.Abstractions and MessagePack.</summary>
    public static IReadOnlyList<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(GathoRoomAttribute).Assembly.Location);
        paths.Add(typeof(MessagePack.MessagePackReader).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }

    public static CSharpCompilation Compilation(IEnumerable<SyntaxTree> trees, IReadOnlyList<MetadataReference> references) =>
        CSharpCompilation.Create("Synthetic.Rooms", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static string Room(int r, int handlers)
    {
        var code = new StringBuilder();
        code.AppendLine("using System.Collections.Generic;").AppendLine("using Gatho;").AppendLine();
        code.AppendLine($"namespace Synthetic.Game{r};").AppendLine();
        code.AppendLine("public enum Kind { None, Some, Many }").AppendLine();
        code.AppendLine("public sealed record Point(int X, int Y);").AppendLine();
        code.AppendLine($"public sealed record State{r}(int Tick, string? Turn, List<Point> Points, Dictionary<string, int> Scores);").AppendLine();
        for (var h = 0; h < handlers; h++)
        {
            code.AppendLine($"public sealed record Command{h}(int Id, string Name, Kind Kind, double? Amount, Point[] Path);");
        }

        code.AppendLine().AppendLine($"[GathoRoom(\"game-{r}\")]").AppendLine($"[Sends(typeof(State{r}))]");
        code.AppendLine($"public partial class Room{r}").AppendLine("{").AppendLine("    private int tick;").AppendLine();
        code.AppendLine($"    [OnJoin] private void Joined(IRoomClient client) => Send(client, new State{r}(tick, null, new List<Point>(), new Dictionary<string, int>()));");
        code.AppendLine("    [OnLeave] private void Left(IRoomClient client) => tick++;");
        for (var h = 0; h < handlers; h++)
        {
            code.AppendLine($"    [OnMessage] private void On{h}(IRoomClient client, Command{h} command) {{ tick += command.Id; Broadcast(new State{r}(tick, client.Id, new List<Point>(command.Path), new Dictionary<string, int>())); }}");
        }

        code.AppendLine("}");
        return code.ToString();
    }
}
