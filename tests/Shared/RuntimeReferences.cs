using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Gatho.Testing.Roslyn;

/// <summary>
/// The references of an in-test compilation of room or client code: the shared frameworks this test process runs on
/// (Microsoft.NETCore.App, Microsoft.AspNetCore.App) plus the Gatho and MessagePack assemblies next to the tests —
/// exactly what a room or client project compiles against, so loaded code uses the very types the test uses. Linked
/// into the generator and analyzer test projects (one copy of the rule).
/// </summary>
internal static class RuntimeReferences
{
    public static ImmutableArray<MetadataReference> Load()
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
