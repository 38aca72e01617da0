namespace Gatho;

/// <summary>
/// A client sent a message the room cannot accept: an unknown typed-message id, an undecodable body, or a kind (text or
/// bytes) the room has no handler for. Thrown by generated dispatch; the runtime closes that one connection with 1002
/// (protocol error) and logs <see cref="Exception.Message"/>; the room and every other client carry on.
/// </summary>
public sealed class InvalidMessageException : Exception
{
    /// <summary>Creates the exception with a reason that names the offending id or kind.</summary>
    public InvalidMessageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
