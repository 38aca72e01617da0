namespace Gatho.Protocol.SeatTokens;

/// <summary>Size limits on seat payloads, the same as gatho's (inclusive, UTF-8 bytes of the compact JSON).</summary>
public static class SeatLimits
{
    /// <summary>Largest join data, serialized: 2048 bytes.</summary>
    public const int MaxDataBytes = 2048;

    /// <summary>Largest client tags object, serialized: 512 bytes.</summary>
    public const int MaxTagsBytes = 512;

    /// <summary>Longest token a room will look at; anything longer is refused before any decoding.</summary>
    public const int MaxTokenLength = 8192;
}
