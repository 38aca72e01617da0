namespace Gatho.Drivers.Model;

/// <summary>Which live servers to list. Every criterion that is set must hold (AND).</summary>
public sealed record ServerFilter
{
    /// <summary>Only servers that have every one of these tags with exactly this value.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Only servers that support every one of these room types.</summary>
    public IReadOnlyList<string>? RoomTypes { get; init; }
}
