namespace Gatho.Client;

/// <summary>Why a client closed for good; gatho's causes plus the ones protocol v2 adds.</summary>
public enum CloseCause
{
    /// <summary>The app called <see cref="GathoClient.CloseAsync"/> (gatho <c>consented</c>).</summary>
    Consented,

    /// <summary>The room refused the seat on the first connect (<c>auth_error</c>, then 4000; gatho <c>auth</c>).</summary>
    Auth,

    /// <summary>The room refused the session token on resume (gatho <c>session</c>).</summary>
    Session,

    /// <summary>Every reconnection attempt failed (gatho <c>reconnect-failed</c>).</summary>
    ReconnectFailed,

    /// <summary>The client's own reliable buffer went over its byte limit (gatho <c>buffer-overflow</c>).</summary>
    BufferOverflow,

    /// <summary>The first connection failed before the room issued a session (gatho <c>initial-connect-failed</c>).</summary>
    InitialConnectFailed,

    /// <summary>The room closed the client for good: eviction, kick, protocol error reported by the room (gatho <c>server</c>).</summary>
    Server,

    /// <summary>Protocol v2: the room no longer has the resume point (close 4001); join again with a new seat.</summary>
    ResyncRequired,

    /// <summary>The room's server is draining (close 1001 <c>server draining, rejoin</c>); get a new seat from your backend.</summary>
    Draining,

    /// <summary>The room sent bytes this client cannot accept (bad frame, oversized message, inconsistent ack); closed with 1002/1009.</summary>
    ProtocolError,

    /// <summary>The first connect found nothing listening on the room's port (connection refused).</summary>
    Unreachable,

    /// <summary>The first connect failed in DNS, TLS or the network before any server answered.</summary>
    NetworkError,

    /// <summary>The room refused the seat with HTTP 401 (bad signature, expired, already used…; <see cref="ClientCloseInfo.Reason"/> says why when the room did).</summary>
    SeatRefused,

    /// <summary>The room does not speak this client's protocol version (HTTP 400); set <see cref="GathoClientOptions.ProtocolVersion"/>.</summary>
    VersionMismatch,

    /// <summary>The room is at its connection limit (HTTP 503).</summary>
    RoomFull,

    /// <summary>A server answered the URL with another HTTP status (404, 426…): the URL is not a room's.</summary>
    HttpError,

    /// <summary>The room stopped (close 1001 <c>room shutting down</c>); get a new seat from your backend.</summary>
    RoomStopped,

    /// <summary>While resuming, the room's port refused connection after connection: the room process is gone. Get a new seat.</summary>
    RoomGone,

    /// <summary>The token passed to <see cref="GathoClient.ConnectAsync"/> was cancelled before the client opened.</summary>
    Cancelled,
}

/// <summary>The wire names of <see cref="CloseCause"/> values, as gatho spells them.</summary>
public static class CloseCauses
{
    /// <summary>gatho's spelling, e.g. <c>initial-connect-failed</c>; new causes follow the same style.</summary>
    public static string ToWireName(this CloseCause cause) => cause switch
    {
        CloseCause.Consented => "consented",
        CloseCause.Auth => "auth",
        CloseCause.Session => "session",
        CloseCause.ReconnectFailed => "reconnect-failed",
        CloseCause.BufferOverflow => "buffer-overflow",
        CloseCause.InitialConnectFailed => "initial-connect-failed",
        CloseCause.Server => "server",
        CloseCause.ResyncRequired => "resync-required",
        CloseCause.Draining => "draining",
        CloseCause.ProtocolError => "protocol-error",
        CloseCause.Unreachable => "unreachable",
        CloseCause.NetworkError => "network-error",
        CloseCause.SeatRefused => "seat-refused",
        CloseCause.VersionMismatch => "version-mismatch",
        CloseCause.RoomFull => "room-full",
        CloseCause.HttpError => "http-error",
        CloseCause.RoomStopped => "room-stopped",
        CloseCause.RoomGone => "room-gone",
        CloseCause.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, "unknown close cause"),
    };

    /// <summary>What to do about a close, for messages: "get a new seat" where the seat or the room is spent.</summary>
    public static string Advice(this CloseCause cause) => cause switch
    {
        CloseCause.Draining or CloseCause.RoomStopped or CloseCause.RoomGone or CloseCause.ResyncRequired or CloseCause.Session
            => "get a new seat from your backend and join again",
        CloseCause.SeatRefused => "get a new seat from your backend (seat tokens are single use and expire)",
        CloseCause.Unreachable => "check the URL, or get a new seat: the room may be gone",
        CloseCause.VersionMismatch => "set GathoClientOptions.ProtocolVersion to a version the room speaks",
        CloseCause.RoomFull => "try again later or get a seat in another room",
        _ => string.Empty,
    };
}
