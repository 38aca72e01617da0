namespace Gatho.Protocol;

/// <summary>Protocol versions a client announces with the <c>gv</c> query parameter.</summary>
public static class ProtocolVersions
{
    /// <summary>gatho's protocol, byte for byte: reliable means buffered while known to be disconnected.</summary>
    public const int V1 = 1;

    /// <summary>Lossless resume: numbered reliable frames, <c>ack</c>, replay in both directions, unreliable frames.</summary>
    public const int V2 = 2;

    /// <summary>The oldest version a Gatho.NET room accepts.</summary>
    public const int Minimum = V1;

    /// <summary>The newest version; what Gatho.NET clients speak by default.</summary>
    public const int Latest = V2;

    /// <summary>True when a room accepts <paramref name="version"/>.</summary>
    public static bool IsSupported(int version) => version is >= Minimum and <= Latest;

    /// <summary>
    /// Parses the raw <c>gv</c> value exactly: only the canonical decimal forms <c>"1"</c> and <c>"2"</c> are versions
    /// (gatho compares the string, so <c>"01"</c> or <c>" 1"</c> are mismatches too).
    /// </summary>
    public static bool TryParse(string? raw, out int version)
    {
        switch (raw)
        {
            case "1":
                version = V1;
                return true;
            case "2":
                version = V2;
                return true;
            default:
                version = 0;
                return false;
        }
    }
}
