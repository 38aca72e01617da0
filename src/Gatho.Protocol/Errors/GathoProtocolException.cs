namespace Gatho.Protocol.Errors;

/// <summary>
/// Bytes received from a peer do not follow the Gatho wire protocol (bad frame type, truncated packcat message,
/// oversized notify frame…). Decoders in this library raise only this exception type on hostile input.
/// </summary>
public sealed class GathoProtocolException : GathoException
{
    /// <summary>Creates the error with a description of what was wrong with the bytes.</summary>
    public GathoProtocolException(string message)
        : base("protocol-error", message)
    {
    }
}
