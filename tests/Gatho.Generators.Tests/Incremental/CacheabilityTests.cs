using Gatho.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gatho.Generators.Tests.Incremental;

/// <summary>
/// The generator's tracked steps (GathoGenerator.Steps) stay cached when an edit touches no room, and change when one
/// does: an IDE keystroke outside a room must not re-emit every room (generator-practices §4.3).
/// </summary>
public class CacheabilityTests
{
    private const string Room = """
        using Gatho;

        namespace Game;

        public sealed record Move(int Cell);

        public sealed record Moved(int Cell, string By);

        [GathoRoom("game")]
        [Sends(typeof(Moved))]
        public partial class GameRoom
        {
            [OnMessage] private void Place(IRoomClient client, Move move) => Broadcast(new Moved(move.Cell, client.Id));
        }

        [GathoClient(typeof(GameRoom))]
        public partial class GameClient;
        """;

    private const string Unrelated = """
        namespace Game;

        public static class Scores
        {
            public static int Best() => 1;
        }
        """;

    [Fact]
    public void An_edit_outside_any_room_leaves_every_step_cached_or_unchanged()
    {
        var (driver, compilation) = FirstRun();
        var edited = Replace(compilation, 1, Unrelated.Replace("=> 1;", "=> 2; // edited", StringComparison.Ordinal));

        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        AssertReasons(result, GathoGenerator.Steps.Rooms, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, GathoGenerator.Steps.Clients, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void A_new_file_without_rooms_leaves_every_step_cached_or_unchanged()
    {
        var (driver, compilation) = FirstRun();
        var added = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Game; public sealed class Extra { }", Compiler.ParseOptions, path: "Extra.cs"));

        var result = driver.RunGenerators(added).GetRunResult().Results[0];

        AssertReasons(result, GathoGenerator.Steps.Rooms, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, GathoGenerator.Steps.Clients, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void An_edit_to_a_room_modifies_its_steps()
    {
        var (driver, compilation) = FirstRun();
        var edited = Replace(compilation, 0, Room.Replace(
            "[OnMessage] private void Place",
            "[OnJoin] private void Joined(IRoomClient client) { }\n    [OnMessage] private void Place",
            StringComparison.Ordinal));

        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        AssertReasons(result, GathoGenerator.Steps.Rooms, IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void An_edit_to_a_message_type_modifies_the_room_and_the_client()
    {
        var (driver, compilation) = FirstRun();
        var edited = Replace(compilation, 0, Room.Replace("record Move(int Cell)", "record Move(int Cell, bool Quick)", StringComparison.Ordinal));

        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        AssertReasons(result, GathoGenerator.Steps.Rooms, IncrementalStepRunReason.Modified);
        Assert.Contains("Quick", result.GeneratedSources.Single(s => s.HintName == "Game.GameRoom.Room.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        var compilation = Compiler.Compile("Cache", Room, Unrelated);
        var driver = Compiler.Driver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results[0];
        Assert.Equal(2, first.GeneratedSources.Length);
        AssertReasons(first, GathoGenerator.Steps.Rooms, IncrementalStepRunReason.New);
        return (driver, compilation);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, Compiler.ParseOptions, path: old.FilePath));
    }

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(result.TrackedSteps.TryGetValue(step, out var runs), $"step {step} was not tracked; tracked: {string.Join(", ", result.TrackedSteps.Keys)}");
        var outputs = runs.SelectMany(r => r.Outputs).ToArray();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(allowed.Contains(o.Reason), $"{step}: {o.Reason}, expected {string.Join(" or ", allowed)}"));
    }
}
