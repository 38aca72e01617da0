namespace Gatho.Sdk.Matchmaking;

/// <summary>The optional parts of <see cref="GathoSdk.JoinOrCreateAsync"/>.</summary>
public sealed record MatchOptions
{
    /// <summary>
    /// Room tags that must match exactly (the filter, e.g. <c>mode=ffa</c>); a room created by the call carries them, so
    /// the next call finds it. A room that changes one of these tags (for example <c>state=playing</c>) drops out.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Creation data for a room the call creates: a JSON object (default <c>{}</c>).</summary>
    public string? CreateDataJson { get; init; }

    /// <summary>Join data for the room's <c>OnAuth</c>: a JSON object of at most 2048 bytes (default <c>{}</c>).</summary>
    public string? JoinDataJson { get; init; }

    /// <summary>Client tags: at most 512 bytes serialized.</summary>
    public IReadOnlyDictionary<string, string>? ClientTags { get; init; }

    /// <summary>Tags a server must have to be given a room the call creates.</summary>
    public IReadOnlyDictionary<string, string>? ServerTags { get; init; }

    /// <summary>How long the seat stays valid once its room runs (default <see cref="GathoSdk.DefaultSeatTtl"/>).</summary>
    public TimeSpan? SeatTtl { get; init; }

    /// <summary>How long to wait for a requested room to run (default <see cref="GathoSdk.DefaultCreateTimeout"/>).</summary>
    public TimeSpan? Timeout { get; init; }
}
