using Gatho.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Gatho.Analyzers.Tests.Support;

/// <summary>
/// Analyzer and code-fix verifiers (Microsoft.CodeAnalysis.Testing) set up as a user's project is: the Gatho
/// generator runs beside the analyzer, so a source may use generated members, and compiler errors count as
/// diagnostics a test must expect. Sources mark expected spans with <c>{|GATHOnnnn:…|}</c> or <c>[|…|]</c>.
/// </summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>A diagnostic of <typeparamref name="TAnalyzer"/>'s only rule (or the one with <paramref name="id"/>).</summary>
    public static DiagnosticResult Diagnostic(string? id = null) =>
        id is null ? CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic() : CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    /// <summary>Runs the analyzer over <paramref name="source"/> and checks it reports exactly <paramref name="expected"/>.</summary>
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Checks the diagnostics of <paramref name="source"/>, applies <typeparamref name="TFix"/> and compares with <paramref name="fixedSource"/>.</summary>
    public static Task CodeFixAsync<TFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TFix> { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>As <see cref="CodeFixAsync{TFix}(string, string, DiagnosticResult[])"/> with the fix's <paramref name="codeActionIndex"/>-th action.</summary>
    public static Task CodeFixAsync<TFix>(string source, string fixedSource, int codeActionIndex, params DiagnosticResult[] expected)
        where TFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TFix> { TestCode = source, FixedCode = fixedSource, CodeActionIndex = codeActionIndex };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Runs the analyzer over <paramref name="source"/> compiled without the assembly named <paramref name="withoutAssembly"/> (e.g. Gatho.Client.dll).</summary>
    public static Task AnalyzerWithoutAsync(string withoutAssembly, string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(TestReferences.All.Where(r => !string.Equals(Path.GetFileName(r.Display), withoutAssembly, StringComparison.Ordinal)));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(TestReferences.All);
    }

    private sealed class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest()
        {
            ReferenceAssemblies = TestReferences.None;
            Configure(TestState);

            // The generator's output has its own snapshot tests; here it only has to run.
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

        protected override IEnumerable<Type> GetSourceGenerators() => new[] { typeof(GathoGenerator) };
    }

    private sealed class CodeFixTest<TFix> : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        where TFix : CodeFixProvider, new()
    {
        public CodeFixTest()
        {
            ReferenceAssemblies = TestReferences.None;
            Configure(TestState);
            Configure(FixedState);
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

        protected override IEnumerable<Type> GetSourceGenerators() => new[] { typeof(GathoGenerator) };
    }
}
