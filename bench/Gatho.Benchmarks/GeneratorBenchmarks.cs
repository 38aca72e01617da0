using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Gatho.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gatho.Benchmarks;

/// <summary>
/// The generator's own cost on a synthetic room library of 100 rooms × 10 typed handlers (<see cref="SyntheticRooms"/>),
/// run through <see cref="CSharpGeneratorDriver"/> as the compiler and the IDE run it. Cold: a new driver over a new
/// compilation (the semantic binding the generator's transforms trigger is included, since a fresh compilation has
/// none cached). Cached: the driver that already ran once, over the compilation after an edit in a file no room is
/// in, which is what every keystroke outside a room costs in the IDE.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Settings))]
public class GeneratorBenchmarks
{
    private const int Rooms = 100;
    private const int Handlers = 10;

    private IReadOnlyList<SyntaxTree> trees = null!;
    private IReadOnlyList<MetadataReference> references = null!;
    private CSharpCompilation compilation = null!;
    private SyntaxTree unrelated = null!;
    private GeneratorDriver warm = null!;
    private int edits;

    [GlobalSetup]
    public void Setup()
    {
        trees = SyntheticRooms.Trees(Rooms, Handlers);
        references = SyntheticRooms.References();
        compilation = SyntheticRooms.Compilation(trees, references);
        unrelated = trees.Single(t => t.FilePath == SyntheticRooms.UnrelatedPath);
        Check();
        warm = NewDriver(trackSteps: false).RunGenerators(compilation);
    }

    [Benchmark(Baseline = true, Description = "cold: new driver, new compilation (100 rooms × 10 handlers)")]
    public int Cold() => NewDriver(trackSteps: false).RunGenerators(SyntheticRooms.Compilation(trees, references)).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "cached: same driver after an edit outside every room")]
    public int CachedAfterUnrelatedEdit()
    {
        var edited = compilation.ReplaceSyntaxTree(unrelated, SyntheticRooms.Unrelated(++edits));
        return warm.RunGenerators(edited).GetRunResult().GeneratedTrees.Length;
    }

    private static GeneratorDriver NewDriver(bool trackSteps) => CSharpGeneratorDriver.Create(
        new[] { new GathoGenerator().AsSourceGenerator() },
        parseOptions: SyntheticRooms.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// The input must be a valid room library and the cached run must really be cached, or the figures mean nothing:
    /// the generated code compiles without errors, there is one file per room, and after the unrelated edit every room's
    /// tracked step is Cached or Unchanged.
    /// </summary>
    private void Check()
    {
        var driver = NewDriver(trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult();
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var errors = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || first.GeneratedTrees.Length != Rooms)
        {
            throw new InvalidOperationException($"{first.GeneratedTrees.Length} files generated, {errors.Count} errors: {string.Join("\n", errors.Take(5))}");
        }

        var again = driver.RunGenerators(compilation.ReplaceSyntaxTree(unrelated, SyntheticRooms.Unrelated(-1))).GetRunResult().Results[0];
        var reasons = again.TrackedSteps[GathoGenerator.Steps.Rooms]
            .SelectMany(step => step.Outputs)
            .GroupBy(o => o.Reason)
            .ToDictionary(g => g.Key, g => g.Count());
        Console.WriteLine($"// after the unrelated edit, {GathoGenerator.Steps.Rooms} outputs: {string.Join(", ", reasons.Select(r => $"{r.Key} {r.Value}"))}");
        if (reasons.Keys.Any(r => r is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)))
        {
            throw new InvalidOperationException("the unrelated edit changed room models: the second run would not be a cached one");
        }
    }

    /// <summary>
    /// The short job, in process with a long time limit: one operation takes hundreds of milliseconds, which trips the
    /// in-process toolchain's default limit on a loaded machine, and the out-of-process build of this project outlasts
    /// BenchmarkDotNet's two-minute build limit there.
    /// </summary>
    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
        }
    }
}
