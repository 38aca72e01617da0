namespace Gatho.Protocol.Closing;

/// <summary>The <c>auth_error</c> texts the room sends before closing, the same strings gatho sends.</summary>
public static class AuthErrors
{
    /// <summary><c>OnAuth</c> threw.</summary>
    public const string InternalError = "internal error";

    /// <summary>The seat token's client is tracked already, or the token was redeemed before.</summary>
    public const string SeatAlreadyInUse = "seat already in use";

    /// <summary>The session token is not resumable.</summary>
    public const string InvalidSession = "invalid session";

    /// <summary>
    /// The version-mismatch text: <c>protocol version mismatch (client &lt;x&gt;, server &lt;y&gt;)</c>, where x is the raw
    /// <c>gv</c> value or <c>none</c>. gatho's client only displays it; Gatho.NET rooms name their range, e.g. <c>1-2</c>.
    /// </summary>
    public static string ProtocolVersionMismatch(string? clientVersion, string serverVersions) =>
        $"protocol version mismatch (client {clientVersion ?? "none"}, server {serverVersions})";

    /// <summary>The version range a Gatho.NET room reports in <see cref="ProtocolVersionMismatch"/>.</summary>
    public static string SupportedVersions => $"{ProtocolVersions.Minimum}-{ProtocolVersions.Latest}";
}
