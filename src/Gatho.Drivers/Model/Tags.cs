using System.Collections.Immutable;

namespace Gatho.Drivers.Model;

/// <summary>Shared empty values for tag dictionaries.</summary>
public static class Tags
{
    /// <summary>An empty, immutable tag set.</summary>
    public static IReadOnlyDictionary<string, string> None { get; } = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);
}
