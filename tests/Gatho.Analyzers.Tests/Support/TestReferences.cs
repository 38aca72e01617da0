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

    private static ImmutableArray<MetadataReference> Load()
    {
        var frameworks = new[] { typeof(object), typeof(Microsoft.AspNetCore.Http.HttpContext) }
            .Select(t => Path.GetDirectoryName(t.Assembly.Location)!)
            .ToHashSet(StringComparer.Ordinal);
        var libraries = new[] { typeof(Gatho.IRoomBehavior), typeof(Gatho.Room.GathoRoom), typeof(Gatho.Client.GathoClient), typeof(MessagePack.MessagePackWriter), typeof(Gatho.Protocol.ProtocolVersions) }
            .Select(t => t.Assembly.Location);
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => frameworks.Contains(Path.GetDirectoryName(path)!))
            .Concat(libraries)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
