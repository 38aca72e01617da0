using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;

namespace Gatho.Client.Connection;

/// <summary>
/// Turns whatever a transport threw while connecting into a <see cref="RoomConnectException"/> with its kind, so the
/// client can tell "nothing listening" (the room is gone) from a DNS, TLS or HTTP failure. Works on exceptions from
/// <c>ClientWebSocket</c> on CoreCLR and Mono, and on a custom transport's exceptions when they carry the same inner types.
/// </summary>
internal static class ConnectFailures
{
    // ClientWebSocket's text for a non-101 answer on every runtime we run on ("The server returned status code '401'
    // when status code '101' was expected."); netstandard2.1 has no HttpStatusCode property, so the status is read from it.
    private static readonly Regex StatusInMessage = new("'([1-5][0-9][0-9])'", RegexOptions.CultureInvariant);

    /// <summary>The room's <c>host:port</c> for messages (the query carries the seat token and is never printed).</summary>
    public static string Endpoint(Uri uri) => uri.IsDefaultPort ? $"{uri.Host}:{(uri.Scheme == "wss" ? 443 : 80)}" : $"{uri.Host}:{uri.Port}";

    /// <summary>Classifies <paramref name="error"/>; null when it is not a connect failure (e.g. the client's own abort).</summary>
    public static RoomConnectException? Describe(Exception error, Uri uri, int? httpStatus = null, string? roomReason = null)
    {
        if (error is RoomConnectException known)
        {
            return known;
        }

        if (error is OperationCanceledException)
        {
            return null;
        }

        ConnectFailureKind? kind = null;
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException socket:
                    kind ??= socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => ConnectFailureKind.Refused,
                        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => ConnectFailureKind.NameResolution,
                        SocketError.TimedOut => ConnectFailureKind.TimedOut,
                        _ => ConnectFailureKind.Network,
                    };
                    break;
                case AuthenticationException:
                    kind ??= ConnectFailureKind.Tls;
                    break;
            }
        }

        httpStatus ??= StatusFromMessage(error);
        if (httpStatus is not null && kind is null)
        {
            kind = ConnectFailureKind.HttpStatus;
        }

        if (kind is null && error is WebSocketException or IOException or HttpRequestException)
        {
            kind = ConnectFailureKind.Network;
        }

        return kind is { } found ? new RoomConnectException(found, Endpoint(uri), found == ConnectFailureKind.HttpStatus ? httpStatus : null, roomReason, error) : null;
    }

    /// <summary>
    /// Ordinary network weather (resets, refusals, timeouts, failed upgrades, our own aborts): reported through
    /// <see cref="GathoClient.Dropped"/> or the close cause, not through <see cref="GathoClient.Error"/>, which is for faults.
    /// </summary>
    public static bool IsOrdinary(Exception error) =>
        error is WebSocketException or IOException or SocketException or HttpRequestException or OperationCanceledException
            or RoomConnectException or AuthenticationException or ObjectDisposedException;

    private static int? StatusFromMessage(Exception error)
    {
        if (error is not WebSocketException || !error.Message.Contains("101"))
        {
            return null;
        }

        var match = StatusInMessage.Match(error.Message);
        while (match.Success)
        {
            var status = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (status != 101)
            {
                return status;
            }

            match = match.NextMatch();
        }

        return null;
    }
}
