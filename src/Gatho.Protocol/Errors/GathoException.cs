namespace Gatho.Protocol.Errors;

/// <summary>
/// Base type of every error Gatho.NET raises on purpose. <see cref="Code"/> is a stable, machine-readable
/// kind (the same strings gatho uses, such as <c>room-not-found</c>), so callers can branch without parsing messages.
/// </summary>
public abstract class GathoException : Exception
{
    /// <summary>Creates the error with its stable code and a human-readable message.</summary>
    protected GathoException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>Stable error kind, e.g. <c>payload-too-large</c>.</summary>
    public string Code { get; }
}
