using Gatho.Protocol.Closing;

namespace Gatho.Client;

/// <summary>What a client does after one of its sockets closed: resume, or close for good with this code, reason and cause.</summary>
internal readonly record struct CloseDecision(bool Resume, int Code, string Reason, CloseCause Cause)
{
    public static CloseDecision ResumeSession(int code, string reason) => new(true, code, reason, default);

    public static CloseDecision Terminal(int code, string reason, CloseCause cause) => new(false, code, reason, cause);

    public ClientCloseInfo ToInfo() => new(Code, Reason, Cause);
}

/// <summary>
/// The close rules of gatho-behaviour §4.1 plus protocol v2's terminal codes, as one pure function so every row can be
/// unit tested: 4000 is permanent, 4001 means the resume point is gone, 1002 is a protocol error, 1001 with the
/// draining reason means "rejoin through your backend"; any other code while open is a drop to resume from.
/// </summary>
internal static class CloseClassifier
{
    /// <param name="state">The client's state when the socket closed (connecting, open or reconnecting).</param>
    /// <param name="code">The socket's close code (1006 when it died without a close frame).</param>
    /// <param name="reason">The close reason.</param>
    /// <param name="closeRequested">The app called <c>CloseAsync</c>.</param>
    /// <param name="authErrorSeen">This socket carried an <c>auth_error</c>.</param>
    /// <param name="hasSession">The room has issued a session token.</param>
    public static CloseDecision Classify(ClientState state, int code, string reason, bool closeRequested, bool authErrorSeen, bool hasSession) =>
        Classify(state, code, reason, closeRequested, authErrorSeen, hasSession, failure: null);

    /// <param name="state">The client's state when the socket closed (connecting, open or reconnecting).</param>
    /// <param name="code">The socket's close code (1006 when it died without a close frame).</param>
    /// <param name="reason">The close reason.</param>
    /// <param name="closeRequested">The app called <c>CloseAsync</c>.</param>
    /// <param name="authErrorSeen">This socket carried an <c>auth_error</c>.</param>
    /// <param name="hasSession">The room has issued a session token.</param>
    /// <param name="failure">Why the socket never opened, when it did not.</param>
    public static CloseDecision Classify(ClientState state, int code, string reason, bool closeRequested, bool authErrorSeen, bool hasSession, RoomConnectException? failure)
    {
        if (closeRequested)
        {
            return CloseDecision.Terminal(CloseCodes.Consented, CloseReasons.ConsentedLeave, CloseCause.Consented);
        }

        // The room is stopping: it will not take the session back, so resuming would only spend the backoff budget.
        if (code == CloseCodes.GoingAway && reason is CloseReasons.RoomShuttingDown or CloseReasons.ServerShuttingDown)
        {
            return CloseDecision.Terminal(code, reason, CloseCause.RoomStopped);
        }

        if (failure is not null && state == ClientState.Connecting)
        {
            return CloseDecision.Terminal(CloseCodes.Abnormal, failure.Message, ForFirstConnect(failure));
        }

        // A room that answers a resume with 401 no longer knows the session (its reconnection window ended).
        if (failure is { HttpStatus: 401 } && state == ClientState.Reconnecting)
        {
            return CloseDecision.Terminal(CloseCodes.Abnormal, failure.Message, CloseCause.Session);
        }

        var draining = code == CloseCodes.GoingAway && reason == CloseReasons.ServerDraining;
        switch (state)
        {
            case ClientState.Connecting:
                if (authErrorSeen)
                {
                    return CloseDecision.Terminal(code, reason, CloseCause.Auth);
                }

                // gatho never retries a first connect; a draining server is worth naming though.
                return CloseDecision.Terminal(code, reason, draining ? CloseCause.Draining : CloseCause.InitialConnectFailed);

            case ClientState.Reconnecting:
                if (authErrorSeen)
                {
                    return CloseDecision.Terminal(CloseCodes.Consented, CloseReasons.SessionRejected, CloseCause.Session);
                }

                return Terminal(code, reason, draining) ?? CloseDecision.ResumeSession(code, reason);

            default:
                return Terminal(code, reason, draining)
                    ?? (hasSession
                        ? CloseDecision.ResumeSession(code, reason)
                        : CloseDecision.Terminal(CloseCodes.Abnormal, CloseReasons.NoSessionToken, CloseCause.Server));
        }
    }

    private static CloseCause ForFirstConnect(RoomConnectException failure) => failure.Kind switch
    {
        ConnectFailureKind.Refused => CloseCause.Unreachable,
        ConnectFailureKind.HttpStatus => failure.HttpStatus switch
        {
            401 => CloseCause.SeatRefused,
            400 => CloseCause.VersionMismatch,
            503 => CloseCause.RoomFull,
            _ => CloseCause.HttpError,
        },
        _ => CloseCause.NetworkError,
    };

    private static CloseDecision? Terminal(int code, string reason, bool draining)
    {
        if (draining)
        {
            return CloseDecision.Terminal(code, reason, CloseCause.Draining);
        }

        return code switch
        {
            // 4000 from the room: evicted, kicked, or (while resuming) refused without an auth_error. Never resumable.
            CloseCodes.Consented => CloseDecision.Terminal(code, reason, CloseCause.Server),
            CloseCodes.ResyncRequired => CloseDecision.Terminal(code, reason, CloseCause.ResyncRequired),
            CloseCodes.ProtocolError => CloseDecision.Terminal(code, reason, CloseCause.Server),

            // 4002: the room evicted this client for reading too slowly; its session is gone.
            CloseCodes.TooSlow => CloseDecision.Terminal(code, reason, CloseCause.Server),
            _ => null,
        };
    }
}
