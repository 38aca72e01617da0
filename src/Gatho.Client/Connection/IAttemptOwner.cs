namespace Gatho.Client.Connection;

/// <summary>What a <see cref="SocketAttempt"/> reports to its client. Calls come from the attempt's receive loop.</summary>
internal interface IAttemptOwner
{
    /// <summary>One complete binary message arrived (valid only during the call).</summary>
    void OnFrame(SocketAttempt attempt, ReadOnlySpan<byte> frame);

    /// <summary>The room sent something the client cannot accept; the client closes with <paramref name="code"/>.</summary>
    void OnViolation(SocketAttempt attempt, int code, string reason, Exception error);

    /// <summary>The socket is gone: closed by the room, failed to connect, died, or was aborted. Called once.</summary>
    void OnClosed(SocketAttempt attempt, int code, string reason, Exception? error);
}
