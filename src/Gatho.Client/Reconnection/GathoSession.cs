using System.Globalization;
using Gatho.Protocol;
using Gatho.Protocol.Urls;

namespace Gatho.Client;

/// <summary>
/// A client's session in one room, in a form an app can persist (<see cref="ToString"/>) and hand to a new
/// <see cref="GathoClient"/> after the app restarted (<see cref="Parse"/>), so the player gets their seat back within the
/// room's reconnection window: same client id, and the room replays what this client had not acknowledged.
/// </summary>
/// <remarks>
/// <para>
/// <b>The string is a bearer credential.</b> Whoever holds it is this player in this room until the room's
/// reconnection window ends: store it like a password (the platform's keychain or encrypted preferences, not a log or a
/// URL), never send it to anyone but the room. It opens one room only, and it stops working when the window ends, when
/// the client leaves, and when a resume rotates the token (each resume issues a new one: persist the value of
/// <see cref="GathoClient.SessionChanged"/>, not the first one).
/// </para>
/// <para>Format: <c>gs1:&lt;gv&gt;:&lt;client id&gt;:&lt;token&gt;:&lt;room URL&gt;</c>, each part percent-encoded, the room URL without its seat token.</para>
/// </remarks>
public sealed class GathoSession
{
    private const string Prefix = "gs1";

    private GathoSession(string roomUrl, string clientId, string token, int protocolVersion)
    {
        RoomUrl = roomUrl;
        ClientId = clientId;
        Token = token;
        ProtocolVersion = protocolVersion;
    }

    /// <summary>The room's WebSocket endpoint (the seat URL without its single-use seat token).</summary>
    public string RoomUrl { get; }

    /// <summary>The client's id in the room; a resumed client keeps it.</summary>
    public string ClientId { get; }

    /// <summary>The protocol version of the session (2: lossless resume).</summary>
    public int ProtocolVersion { get; }

    /// <summary>The room's session token: the credential itself. Never printed.</summary>
    internal string Token { get; }

    /// <summary>Reads a session written by <see cref="ToString"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a session string (says which part is wrong; never echoes the token).</exception>
    public static GathoSession Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return TryRead(text, out var session, out var problem) ? session! : throw new FormatException($"not a Gatho session string: {problem}");
    }

    /// <summary>As <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string? text, out GathoSession? session)
    {
        session = null;
        return text is not null && TryRead(text, out session, out _);
    }

    /// <summary>The session as one line of text, to persist and pass to <see cref="Parse"/> in the next process.</summary>
    public override string ToString() =>
        string.Join(":", Prefix, ProtocolVersion.ToString(CultureInfo.InvariantCulture), Uri.EscapeDataString(ClientId), Uri.EscapeDataString(Token), Uri.EscapeDataString(RoomUrl));

    /// <summary>The session of a client joined through <paramref name="seatUrl"/>, with the room's current token.</summary>
    internal static GathoSession From(string seatUrl, string clientId, string token, int protocolVersion) =>
        new(WithoutSeatParameters(seatUrl), clientId, token, protocolVersion);

    private static bool TryRead(string text, out GathoSession? session, out string problem)
    {
        session = null;
        var parts = text.Trim().Split(':');
        if (parts.Length != 5 || parts[0] != Prefix)
        {
            problem = $"expected 5 ':'-separated parts starting with \"{Prefix}\", got {parts.Length} part(s)";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < ProtocolVersions.V2 || !ProtocolVersions.IsSupported(version))
        {
            problem = $"protocol version \"{parts[1]}\" cannot resume a persisted session (needs {ProtocolVersions.V2} to {ProtocolVersions.Latest})";
            return false;
        }

        var clientId = Uri.UnescapeDataString(parts[2]);
        var token = Uri.UnescapeDataString(parts[3]);
        var roomUrl = Uri.UnescapeDataString(parts[4]);
        if (clientId.Length == 0 || token.Length == 0)
        {
            problem = clientId.Length == 0 ? "the client id is empty" : "the session token is empty";
            return false;
        }

        try
        {
            Connection.RoomUrl.Validate(roomUrl);
        }
        catch (ArgumentException error)
        {
            problem = $"the room URL is not a room's: {error.Message}";
            return false;
        }

        session = new GathoSession(roomUrl, clientId, token, version);
        problem = string.Empty;
        return true;
    }

    // The seat token is single use and already redeemed, and the resume parameters are the client's to set per attempt.
    private static string WithoutSeatParameters(string seatUrl)
    {
        var question = seatUrl.IndexOf('?');
        if (question < 0)
        {
            return seatUrl;
        }

        var kept = new List<string>();
        foreach (var pair in seatUrl.Substring(question + 1).Split('&'))
        {
            var eq = pair.IndexOf('=');
            var name = eq < 0 ? pair : pair.Substring(0, eq);
            if (pair.Length > 0 && name is not (SeatUrl.TokenParameter or SeatUrl.SessionParameter or SeatUrl.VersionParameter or SeatUrl.AckParameter or SeatUrl.RestartParameter))
            {
                kept.Add(pair);
            }
        }

        var path = seatUrl.Substring(0, question);
        return kept.Count == 0 ? path : path + "?" + string.Join("&", kept);
    }
}
