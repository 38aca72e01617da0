namespace Gatho.Protocol.Closing;

/// <summary>
/// WebSocket close codes Gatho uses. The rule every room and client follows, as gatho: <see cref="Consented"/> means a
/// permanent leave; any other code from an open connection is a drop the client may resume from — except the
/// Gatho.NET-specific codes below, which our clients treat as terminal.
/// </summary>
public static class CloseCodes
{
    /// <summary>1000: normal closure.</summary>
    public const int Normal = 1000;

    /// <summary>1001: the room is shutting down or its server is draining (the client should resume or rejoin).</summary>
    public const int GoingAway = 1001;

    /// <summary>
    /// 1002: the peer broke the protocol (empty frame, unknown type byte, undecodable message). The room evicts the
    /// client, so a resume attempt gets <c>invalid session</c>.
    /// </summary>
    public const int ProtocolError = 1002;

    /// <summary>1006: abnormal closure (never sent on the wire; reported locally when a socket dies).</summary>
    public const int Abnormal = 1006;

    /// <summary>1009: a message is over the size limit, or a client's own outbound buffer overflowed.</summary>
    public const int MessageTooBig = 1009;

    /// <summary>1011: the room hit an internal error (e.g. <c>OnAuth</c> threw).</summary>
    public const int InternalError = 1011;

    /// <summary>4000: consented, permanent close (client leave, eviction, auth rejection, bad session…).</summary>
    public const int Consented = 4000;

    /// <summary>
    /// 4001, protocol v2: the resume point a client asked for is no longer buffered, so resuming would lose messages.
    /// The client must join again with a new seat.
    /// </summary>
    public const int ResyncRequired = 4001;

    /// <summary>
    /// 4002: the room evicted a client that fell too far behind in reading: the frames waiting for its socket reached the
    /// room's outbound byte budget (<c>RoomOptions.MaxOutboundBytes</c>). The client must join again with a new seat.
    /// </summary>
    public const int TooSlow = 4002;

    /// <summary>True for codes after which a client must not try to resume.</summary>
    public static bool IsTerminal(int code) => code is Consented or ResyncRequired or ProtocolError or TooSlow;
}
