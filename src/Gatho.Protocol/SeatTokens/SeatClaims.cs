namespace Gatho.Protocol.SeatTokens;

/// <summary>
/// What a seat token says: which room, which client, until when, with which join data and client tags. JSON claim
/// names follow gatho (<c>roomId</c>, <c>clientId</c>, <c>data</c>, <c>tags</c>) plus the standard <c>exp</c>
/// (seconds, not gatho's milliseconds), <c>iat</c> and <c>jti</c> (the unique id that makes a seat single-use).
/// </summary>
public sealed class SeatClaims
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    /// <summary>Creates claims; <paramref name="dataJson"/> is any JSON value (default <c>{}</c>).</summary>
    /// <exception cref="ArgumentException">An id is null or empty.</exception>
    public SeatClaims(
        string roomId,
        string clientId,
        DateTimeOffset expiresAt,
        string tokenId,
        string? dataJson = null,
        IReadOnlyDictionary<string, string>? tags = null,
        DateTimeOffset? issuedAt = null)
    {
        RoomId = Require(roomId, nameof(roomId));
        ClientId = Require(clientId, nameof(clientId));
        TokenId = Require(tokenId, nameof(tokenId));
        ExpiresAt = expiresAt;
        DataJson = string.IsNullOrEmpty(dataJson) ? "{}" : dataJson!;
        Tags = tags ?? NoTags;
        IssuedAt = issuedAt;
    }

    /// <summary>The room this seat is for; a room refuses tokens for other rooms.</summary>
    public string RoomId { get; }

    /// <summary>The client's id inside the room.</summary>
    public string ClientId { get; }

    /// <summary>Expiry (<c>exp</c>), whole seconds since the Unix epoch on the wire.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>When the token was minted (<c>iat</c>), if known.</summary>
    public DateTimeOffset? IssuedAt { get; }

    /// <summary>The unique token id (<c>jti</c>): a room redeems each id once.</summary>
    public string TokenId { get; }

    /// <summary>Join data as JSON text (<c>data</c>), handed to the room's <c>OnAuth</c>.</summary>
    public string DataJson { get; }

    /// <summary>Client tags (<c>tags</c>): opaque to room code, forwarded to the driver's client record.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    private static string Require(string value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"{name} must be a non-empty string, got \"{value}\"", name);
        }

        return value;
    }
}
