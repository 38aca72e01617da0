using System.Globalization;

namespace Gatho.Protocol.Urls;

/// <summary>
/// Builds the URLs a client dials. A seat URL is the room endpoint with <c>token=&lt;jwt&gt;</c>; the client adds
/// <c>gv</c> on connect and <c>session</c> (+ <c>ack</c> in v2) on resume. Other query parameters are kept, and
/// <c>?</c> versus <c>&amp;</c> is chosen correctly, as gatho-behaviour §2.1 describes.
/// </summary>
public static class SeatUrl
{
    /// <summary>Query parameter carrying the seat token (JWT).</summary>
    public const string TokenParameter = "token";

    /// <summary>Query parameter carrying the session token on resume.</summary>
    public const string SessionParameter = "session";

    /// <summary>Query parameter carrying the protocol version.</summary>
    public const string VersionParameter = "gv";

    /// <summary>Protocol v2: query parameter carrying the highest room frame the client processed.</summary>
    public const string AckParameter = "ack";

    /// <summary>
    /// Protocol v2: <c>restart=1</c> on a resume from a new client process (a persisted session, no count): instead of
    /// <c>ack</c>, the room replays every frame the client has not acknowledged, numbered from 1.
    /// </summary>
    public const string RestartParameter = "restart";

    /// <summary>
    /// The seat URL for <paramref name="endpoint"/> (an absolute <c>ws</c>/<c>wss</c>/<c>http</c>/<c>https</c> URL):
    /// sets <c>token</c>, keeps other parameters, and adds a <c>/</c> path when there is none (as WHATWG URL
    /// serialization does in gatho).
    /// </summary>
    /// <exception cref="ArgumentException">The endpoint is not such a URL, or the token is empty.</exception>
    public static string Create(string endpoint, string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new ArgumentException("seat token must be a non-empty string", nameof(token));
        }

        return WithParameter(WithRootPath(endpoint), TokenParameter, token);
    }

    /// <summary>The URL of a first connection: <paramref name="seatUrl"/> with <c>gv</c> set.</summary>
    public static string ForConnect(string seatUrl, int protocolVersion) =>
        WithParameter(seatUrl, VersionParameter, protocolVersion.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The URL of a resume attempt: <paramref name="seatUrl"/> with <c>session</c> and <c>gv</c> set, and in v2
    /// <c>ack</c> (the highest room frame processed). The seat token stays; the room reads <c>session</c> first.
    /// </summary>
    public static string ForResume(string seatUrl, string sessionToken, int protocolVersion, uint? ack = null)
    {
        if (string.IsNullOrEmpty(sessionToken))
        {
            throw new ArgumentException("session token must be a non-empty string", nameof(sessionToken));
        }

        var url = WithParameter(seatUrl, SessionParameter, sessionToken);
        url = ForConnect(url, protocolVersion);
        return ack is { } n ? WithParameter(url, AckParameter, n.ToString(CultureInfo.InvariantCulture)) : url;
    }

    /// <summary>
    /// The URL of a v2 resume from a new client process: <paramref name="roomUrl"/> with <c>session</c>, <c>gv</c> and
    /// <c>restart=1</c> (no <c>ack</c>: the process has processed nothing of the session yet).
    /// </summary>
    public static string ForRestart(string roomUrl, string sessionToken, int protocolVersion) =>
        WithParameter(ForResume(roomUrl, sessionToken, protocolVersion), RestartParameter, "1");

    /// <summary>
    /// <paramref name="url"/> with <paramref name="name"/> set to <paramref name="value"/> (replacing an earlier value,
    /// keeping other parameters and any fragment).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute URL.</exception>
    public static string WithParameter(string url, string name, string value)
    {
        Validate(url);
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("parameter name must be non-empty", nameof(name));
        }

        var hash = url.IndexOf('#');
        var fragment = hash < 0 ? string.Empty : url.Substring(hash);
        var withoutFragment = hash < 0 ? url : url.Substring(0, hash);
        var question = withoutFragment.IndexOf('?');
        var path = question < 0 ? withoutFragment : withoutFragment.Substring(0, question);
        var query = question < 0 ? string.Empty : withoutFragment.Substring(question + 1);
        return path + "?" + QueryString.Set(query, name, value) + fragment;
    }

    /// <summary>The raw query of <paramref name="url"/>: the text after the first <c>?</c> (up to any <c>#</c>), or empty.</summary>
    public static string RawQuery(string url)
    {
        var question = url.IndexOf('?');
        if (question < 0)
        {
            return string.Empty;
        }

        var hash = url.IndexOf('#', question);
        return hash < 0 ? url.Substring(question + 1) : url.Substring(question + 1, hash - question - 1);
    }

    private static string WithRootPath(string endpoint)
    {
        Validate(endpoint);
        var authorityStart = endpoint.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = endpoint.IndexOfAny(new[] { '/', '?', '#' }, authorityStart);
        if (end < 0)
        {
            return endpoint + "/";
        }

        return endpoint[end] == '/' ? endpoint : endpoint.Insert(end, "/");
    }

    private static void Validate(string url)
    {
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"\"{url}\" is not an absolute URL", nameof(url));
        }

        if (uri.Scheme is not ("ws" or "wss" or "http" or "https"))
        {
            throw new ArgumentException($"\"{url}\" has scheme \"{uri.Scheme}\"; a room endpoint is ws, wss, http or https", nameof(url));
        }
    }
}
