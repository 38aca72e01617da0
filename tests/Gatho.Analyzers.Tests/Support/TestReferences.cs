using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Gatho.Analyzers.Tests.Support;

/// <summary>
/// What every test source compiles against: the shared frameworks this test process runs on plus the Gatho and
/// MessagePack assemblies beside it — what a room or client project sees. Nothing is downloaded at test time
/// (<see cref="ReferenceAssemblies"/> without a package resolves to nothing; the references are added explicitly).
/// </summary>
internal static class TestReferences
{
    public static readonly ReferenceAssemblies None = new("net10.0");

    private static readonly Lazy<ImmutableArray<MetadataReference>> Runtime = new(Load);

    public static ImmutableArray<MetadataReference> All => Runtime.Value;

    private static ImmutableArray<MetadataReference> Load() => Gatho.Testing.Roslyn.RuntimeReferences.Load();
}
