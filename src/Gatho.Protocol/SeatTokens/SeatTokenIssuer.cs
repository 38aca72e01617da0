using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gatho.Protocol.Errors;
using Gatho.Protocol.Packcat;
using Gatho.Protocol.Tags;

namespace Gatho.Protocol.SeatTokens;

/// <summary>
/// Mints seat tokens: compact HS256 JWTs signed with the per-room secret. As gatho, the HMAC key is the UTF-8 bytes
/// of the secret string (the base64url text, not its decoded bytes), and the header is the constant
/// <c>{"alg":"HS256","typ":"JWT"}</c>, so signing is deterministic.
/// </summary>
public static class SeatTokenIssuer
{
    /// <summary>base64url of <c>{"alg":"HS256","typ":"JWT"}</c>.</summary>
    public const string EncodedHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    /// <summary>Length of an HMAC-SHA-256 tag.</summary>
    internal const int MacLength = 32;

    /// <summary>Signs <paramref name="claims"/> with <paramref name="roomSecret"/>.</summary>
    /// <exception cref="ArgumentException">The secret is empty or the join data is not JSON.</exception>
    /// <exception cref="InvalidTagException">A client tag breaks the tag rules.</exception>
    /// <exception cref="PayloadTooLargeException">Join data over 2048 bytes or tags over 512 bytes, serialized.</exception>
    public static string Mint(SeatClaims claims, string roomSecret)
    {
        if (claims is null)
        {
            throw new ArgumentNullException(nameof(claims));
        }

        if (string.IsNullOrEmpty(roomSecret))
        {
            throw new ArgumentException("room secret must be a non-empty string", nameof(roomSecret));
        }

        TagRules.Validate(claims.Tags);
        var compactData = CompactJson(claims.DataJson);
        var dataBytes = Encoding.UTF8.GetByteCount(compactData);
        if (dataBytes > SeatLimits.MaxDataBytes)
        {
            throw new PayloadTooLargeException("data", dataBytes, SeatLimits.MaxDataBytes);
        }

        var tagsBytes = TagRules.SerializedSize(claims.Tags);
        if (tagsBytes > SeatLimits.MaxTagsBytes)
        {
            throw new PayloadTooLargeException("tags", tagsBytes, SeatLimits.MaxTagsBytes);
        }

        var payload = new ByteBufferWriter(256);
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString("roomId", claims.RoomId);
            json.WriteString("clientId", claims.ClientId);
            json.WriteNumber("exp", claims.ExpiresAt.ToUnixTimeSeconds());
            if (claims.IssuedAt is { } issuedAt)
            {
                json.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            }

            json.WriteString("jti", claims.TokenId);
            json.WritePropertyName("data");
            json.WriteRawValue(compactData, skipInputValidation: true);
            json.WritePropertyName("tags");
            TagRules.WriteJson(json, claims.Tags);
            json.WriteEndObject();
        }

        var signingInput = EncodedHeader + "." + Base64Url.Encode(payload.WrittenSpan);
        Span<byte> mac = stackalloc byte[MacLength];
        ComputeMac(Encoding.UTF8.GetBytes(roomSecret), Encoding.UTF8.GetBytes(signingInput), mac);
        return signingInput + "." + Base64Url.Encode(mac);
    }

    /// <summary>HMAC-SHA-256 of <paramref name="data"/> under <paramref name="key"/>.</summary>
    internal static void ComputeMac(byte[] key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
#if NET5_0_OR_GREATER
        HMACSHA256.HashData(key, data, destination);
#else
        using var hmac = new HMACSHA256(key);
        hmac.TryComputeHash(data, destination, out _);
#endif
    }

    private static string CompactJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var buffer = new ByteBufferWriter(json.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                document.RootElement.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"join data is not valid JSON: {e.Message}", "claims", e);
        }
    }
}
