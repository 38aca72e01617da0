namespace Gatho.Protocol.Closing;

/// <summary>Close reasons (WebSocket close reason text), the same strings gatho sends where gatho has them.</summary>
public static class CloseReasons
{
    /// <summary>Client left on purpose (code 4000).</summary>
    public const string ConsentedLeave = "consented leave";

    /// <summary>Room removed the client: window expired, buffer overflow, <c>Disconnect()</c> (code 4000).</summary>
    public const string Evicted = "evicted";

    /// <summary><c>OnAuth</c> refused the client (code 4000).</summary>
    public const string AuthRejected = "auth rejected";

    /// <summary>The seat token's client is already in the room or was already redeemed (code 4000).</summary>
    public const string SeatAlreadyInUse = "seat already in use";

    /// <summary>The session token presented on resume is unknown or its client is connected (code 4000).</summary>
    public const string InvalidSession = "invalid session";

    /// <summary>The <c>gv</c> query parameter names a version the room does not speak (code 4000).</summary>
    public const string ProtocolVersionMismatch = "protocol version mismatch";

    /// <summary>The room stopped (code 1001).</summary>
    public const string RoomShuttingDown = "room shutting down";

    /// <summary>The room's transport closed sockets it no longer tracked (code 1001).</summary>
    public const string ServerShuttingDown = "server shutting down";

    /// <summary>The room's server is draining; join the room again through your backend (code 1001).</summary>
    public const string ServerDraining = "server draining, rejoin";

    /// <summary>The room hit an internal error (code 1011).</summary>
    public const string InternalError = "internal error";

    /// <summary>The frame broke the protocol (code 1002).</summary>
    public const string ProtocolError = "protocol error";

    /// <summary>The frame was over the size limit (code 1009).</summary>
    public const string MessageTooBig = "message too big";

    /// <summary>The client read too slowly: its socket's outbound budget was full (code 4002).</summary>
    public const string TooSlow = "too slow: outbound buffer full";

    /// <summary>The resume point is no longer buffered (code 4001).</summary>
    public const string ResyncRequired = "resync required";

    /// <summary>Client-local: the client's own reliable buffer overflowed (code 1009).</summary>
    public const string OutboundBufferOverflow = "outbound buffer overflow";

    /// <summary>Client-local: every reconnection attempt failed (code 1006).</summary>
    public const string ReconnectionAttemptsExhausted = "reconnection attempts exhausted";

    /// <summary>Client-local: the connection dropped before the room issued a session token (code 1006).</summary>
    public const string NoSessionToken = "no session token";

    /// <summary>Client-local: the room refused the session on resume (code 4000).</summary>
    public const string SessionRejected = "session rejected";

    /// <summary>Client-local: <c>Close()</c> while reconnecting (code 4000).</summary>
    public const string ClientClosedDuringReconnection = "client closed during reconnection";

    /// <summary>Client-local: <c>Close()</c> while connecting (code 4000).</summary>
    public const string ClientClosedDuringConnect = "client closed during connect";
}
