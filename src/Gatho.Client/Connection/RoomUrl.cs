namespace Gatho.Client.Connection;

/// <summary>
/// What a seat URL must look like for this client: the room's WebSocket endpoint. Refused at construction with the
/// reason, so a URL that can never reach a room does not surface later as an opaque connect failure.
/// </summary>
internal static class RoomUrl
{
    /// <exception cref="ArgumentException">The URL cannot be a room's, with why.</exception>
    public static void Validate(string? seatUrl)
    {
        if (string.IsNullOrWhiteSpace(seatUrl))
        {
            throw new ArgumentException("the seat URL is empty; pass the URL your backend's join call returned", nameof(seatUrl));
        }

        if (!Uri.TryCreate(seatUrl, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"\"{Redact(seatUrl)}\" is not an absolute URL; a seat URL looks like ws://host:port/?token=…", nameof(seatUrl));
        }

        switch (uri.Scheme)
        {
            case "ws" or "wss":
                break;
            case "http" or "https":
                // ClientWebSocket refuses these at connect time; say so now, and say what to write instead.
                throw new ArgumentException(
                    $"\"{Redact(seatUrl)}\" is an {uri.Scheme} URL; a room is reached over WebSocket: use {(uri.Scheme == "https" ? "wss" : "ws")}://{uri.Authority}{uri.AbsolutePath}",
                    nameof(seatUrl));
            default:
                throw new ArgumentException($"\"{Redact(seatUrl)}\" has scheme \"{uri.Scheme}\"; a seat URL is ws:// or wss://", nameof(seatUrl));
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"\"{Redact(seatUrl)}\" has no host", nameof(seatUrl));
        }

        if (uri.Fragment.Length > 0)
        {
            throw new ArgumentException($"\"{Redact(seatUrl)}\" has a fragment ({uri.Fragment}); WebSocket URLs cannot carry one", nameof(seatUrl));
        }
    }

    // The query carries the seat token, a credential: messages show where the URL points, not the token.
    private static string Redact(string url)
    {
        var query = url.IndexOf('?');
        return query < 0 ? url : url.Substring(0, query) + "?…";
    }
}
