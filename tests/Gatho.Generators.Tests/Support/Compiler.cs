using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Gatho.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gatho.Generators.Tests.Support;

/// <summary>
/// Compiles C# source in the test, runs the Gatho generator over it with <see cref="CSharpGeneratorDriver"/> (steps
/// tracked), and emits and loads the result. References are the assemblies this test process runs on (the shared
/// frameworks, Gatho.*, MessagePack), so a loaded room or client uses the very Gatho types the test code uses.
/// </summary>
internal static class Compiler
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    // As the repository builds: nullable on, warnings are errors, with the SDK's default NoWarn (CS1701/CS1702:
    // reference version unification). Missing XML docs (CS1591) are the test sources' business, not the generator's;
    // generated files disable it themselves.
    private static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
        {
            ["CS1591"] = ReportDiagnostic.Suppress,
            ["CS1701"] = ReportDiagnostic.Suppress,
            ["CS1702"] = ReportDiagnostic.Suppress,
        })
        .WithDeterministic(true);

    private static readonly Lazy<ImmutableArray<MetadataReference>> Runtime = new(LoadRuntimeReferences);

    private static int loaded;

    /// <summary>The references of every in-test compilation.</summary>
    public static ImmutableArray<MetadataReference> References => Runtime.Value;

    /// <summary>A compilation of <paramref name="sources"/> (one syntax tree each, named Source0.cs…).</summary>
    public static CSharpCompilation Compile(string assemblyName, IEnumerable<string> sources, IEnumerable<MetadataReference>? extra = null) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"Source{i}.cs")),
            extra is null ? References : References.AddRange(extra),
            Options);

    public static CSharpCompilation Compile(string assemblyName, params string[] sources) => Compile(assemblyName, sources, null);

    /// <summary>A driver running the Gatho generator with its steps tracked.</summary>
    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        new[] { new GathoGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="compilation"/>.</summary>
    public static Generated Generate(CSharpCompilation compilation)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new Generated(driver, driver.GetRunResult().Results[0], (CSharpCompilation)output, generatorDiagnostics);
    }

    /// <summary>Compiles, generates, checks there is no error or warning anywhere, and loads the assembly.</summary>
    public static (Assembly Assembly, Generated Generated) Load(string assemblyName, params string[] sources) => Load(Compile(Unique(assemblyName), sources));

    public static (Assembly Assembly, Generated Generated) Load(CSharpCompilation compilation)
    {
        var generated = Generate(compilation);
        return (LoadImage(generated.EmitClean()), generated);
    }

    public static Assembly LoadImage(byte[] image) => AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(image));

    /// <summary>Assemblies loaded into one context need distinct names.</summary>
    public static string Unique(string name) => $"{name}{Interlocked.Increment(ref loaded)}";

    private static ImmutableArray<MetadataReference> LoadRuntimeReferences() => Gatho.Testing.Roslyn.RuntimeReferences.Load();
}

/// <summary>One generator run: its result (sources, tracked steps) and the compilation with the generated files.</summary>
internal sealed record Generated(GeneratorDriver Driver, GeneratorRunResult Result, CSharpCompilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>The generated file whose hint name ends with <paramref name="suffix"/>.</summary>
    public string Source(string suffix) =>
        Result.GeneratedSources.SingleOrDefault(s => s.HintName.EndsWith(suffix, StringComparison.Ordinal)).SourceText?.ToString()
        ?? throw new InvalidOperationException($"no generated file ends with {suffix}; got {string.Join(", ", Result.GeneratedSources.Select(s => s.HintName))}");

    /// <summary>Every error and warning of the compilation with the generated code (empty when it is clean).</summary>
    public IReadOnlyList<Diagnostic> Problems() =>
        GeneratorDiagnostics.Concat(Output.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();

    /// <summary>Emits the compilation, failing with every diagnostic when it has any error or warning.</summary>
    public byte[] EmitClean()
    {
        Assert.Null(Result.Exception);
        var problems = Problems();
        Assert.True(problems.Count == 0, "the generated code does not compile cleanly:\n" + string.Join("\n", problems.Select(Describe)));
        using var image = new MemoryStream();
        var emitted = Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Select(Describe)));
        return image.ToArray();
    }

    public static string Describe(Diagnostic d) => $"{d.Id} {d.Location.SourceTree?.FilePath}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
}
