namespace Gatho.Drivers.Model;

/// <summary>
/// Which rooms to list. Every criterion that is set must hold (AND); an empty filter lists every room. Drivers
/// evaluate it in the store, not in the caller.
/// </summary>
public sealed record RoomFilter
{
    /// <summary>Only rooms of this type.</summary>
    public string? Type { get; init; }

    /// <summary>Only rooms in this status.</summary>
    public RoomStatus? Status { get; init; }

    /// <summary>
    /// Only rooms that are locked (true) or open (false): a lobby browser lists <c>Locked = false</c> to show the rooms
    /// a player can still join (a locked room refuses new seats).
    /// </summary>
    public bool? Locked { get; init; }

    /// <summary>Only rooms placed on this server.</summary>
    public string? ServerId { get; init; }

    /// <summary>Only rooms that have every one of these tags with exactly this value.</summary>
    public IReadOnlyDictionary<string, string>? TagsEqual { get; init; }

    /// <summary>
    /// Only rooms whose tag differs from each of these values; a room without the key matches (as gatho's
    /// <c>tags[k] !== v</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string>? TagsNotEqual { get; init; }
}
