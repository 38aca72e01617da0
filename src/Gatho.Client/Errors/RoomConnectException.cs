using Gatho.Protocol.Errors;

namespace Gatho.Client;

/// <summary>What stopped a connection attempt before a WebSocket existed.</summary>
public enum ConnectFailureKind
{
    /// <summary>Nothing is listening on the room's port (connection refused): the room process is gone or the port is wrong.</summary>
    Refused,

    /// <summary>The host name does not resolve.</summary>
    NameResolution,

    /// <summary>The TLS handshake failed (certificate, protocol).</summary>
    Tls,

    /// <summary>The TCP connection timed out.</summary>
    TimedOut,

    /// <summary>Any other network failure before the upgrade (reset, unreachable network…).</summary>
    Network,

    /// <summary>An HTTP server answered but refused the upgrade; <see cref="RoomConnectException.HttpStatus"/> says how.</summary>
    HttpStatus,
}

/// <summary>
/// A connection attempt failed before the WebSocket opened: the kind, the HTTP status when a server answered, and the
/// room's own reason when it gave one (a Gatho room names it in the <c>X-Gatho-Refusal</c> header: <c>Expired: …</c>,
/// <c>BadSignature: …</c>, <c>room is full</c>). The underlying exception is kept as <see cref="Exception.InnerException"/>.
/// The message names the room's host and port, never the seat token.
/// </summary>
public sealed class RoomConnectException : GathoException
{
    /// <summary>Creates the error.</summary>
    /// <param name="kind">What failed.</param>
    /// <param name="endpoint">The room's <c>host:port</c> (no query string: it carries the seat token).</param>
    /// <param name="httpStatus">The HTTP status of a refused upgrade, when a server answered.</param>
    /// <param name="roomReason">Why the room refused, when it said.</param>
    /// <param name="inner">The transport's exception.</param>
    public RoomConnectException(ConnectFailureKind kind, string endpoint, int? httpStatus, string? roomReason, Exception? inner)
        : base("connect-failed", Describe(kind, endpoint, httpStatus, roomReason, inner), inner)
    {
        Kind = kind;
        Endpoint = endpoint;
        HttpStatus = httpStatus;
        RoomReason = roomReason;
    }

    /// <summary>What failed.</summary>
    public ConnectFailureKind Kind { get; }

    /// <summary>The room's <c>host:port</c>.</summary>
    public string Endpoint { get; }

    /// <summary>The HTTP status of a refused upgrade (401 seat refused, 400 version, 503 full, 404…); null when no server answered.</summary>
    public int? HttpStatus { get; }

    /// <summary>The room's reason for refusing, when it gave one.</summary>
    public string? RoomReason { get; }

    private static string Describe(ConnectFailureKind kind, string endpoint, int? status, string? roomReason, Exception? inner)
    {
        var why = string.IsNullOrEmpty(roomReason) ? string.Empty : $": {roomReason}";
        return kind switch
        {
            ConnectFailureKind.Refused => $"nothing is listening at {endpoint} (connection refused); the room is gone or the URL is wrong",
            ConnectFailureKind.NameResolution => $"cannot resolve the room's host {endpoint}",
            ConnectFailureKind.Tls => $"the TLS handshake with {endpoint} failed{Detail(inner)}",
            ConnectFailureKind.TimedOut => $"connecting to {endpoint} timed out",
            ConnectFailureKind.HttpStatus => status switch
            {
                401 => $"the room at {endpoint} refused the seat (HTTP 401){(why.Length == 0 ? ": the room did not say why" : why)}",
                400 => $"the room at {endpoint} does not speak this protocol version (HTTP 400){why}",
                503 => $"the room at {endpoint} is full (HTTP 503){why}",
                404 => $"nothing at {endpoint} answers as a room (HTTP 404){why}",
                _ => $"{endpoint} refused the WebSocket upgrade (HTTP {status}){why}",
            },
            _ => $"cannot reach {endpoint}{Detail(inner)}",
        };
    }

    private static string Detail(Exception? inner)
    {
        var innermost = inner;
        while (innermost?.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost is null ? string.Empty : $": {innermost.Message}";
    }
}
