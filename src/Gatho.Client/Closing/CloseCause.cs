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
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, "unknown close cause"),
    };
}
