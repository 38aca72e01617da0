using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gatho.Protocol.SeatTokens;

/// <summary>
/// Verifies seat tokens for one room secret. Safe to share between threads. <see cref="Verify"/> never throws on
/// attacker input: every failure is a <see cref="SeatTokenVerification"/> with a reason.
/// </summary>
public sealed class SeatTokenVerifier
{
    /// <summary>Default tolerance for clock skew between the minting backend and the room: 10 seconds.</summary>
    public static readonly TimeSpan DefaultLeeway = TimeSpan.FromSeconds(10);

    private readonly byte[] key;
    private readonly double leewaySeconds;

    /// <summary>Creates a verifier for <paramref name="roomSecret"/> with a clock <paramref name="leeway"/>.</summary>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The leeway is negative.</exception>
    public SeatTokenVerifier(string roomSecret, TimeSpan? leeway = null)
    {
        if (string.IsNullOrEmpty(roomSecret))
        {
            throw new ArgumentException("room secret must be a non-empty string", nameof(roomSecret));
        }

        var chosen = leeway ?? DefaultLeeway;
        if (chosen < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leeway), chosen, "leeway must not be negative");
        }

        key = Encoding.UTF8.GetBytes(roomSecret);
        leewaySeconds = chosen.TotalSeconds;
    }

    /// <summary>
    /// Checks, in order: shape (three base64url parts, bounded length), header (<c>alg</c> must be HS256), MAC
    /// (constant-time), claims, expiry (with leeway), and that the token is for <paramref name="expectedRoomId"/>.
    /// </summary>
    public SeatTokenVerification Verify(string? token, string expectedRoomId, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token))
        {
            return SeatTokenVerification.Fail(SeatTokenStatus.Malformed, "missing token");
        }

        if (token!.Length > SeatLimits.MaxTokenLength)
        {
            return SeatTokenVerification.Fail(SeatTokenStatus.Malformed, $"token is {token.Length} characters, over {SeatLimits.MaxTokenLength}");
        }

        var firstDot = token.IndexOf('.');
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (firstDot < 0 || secondDot < 0 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            return SeatTokenVerification.Fail(SeatTokenStatus.Malformed, "token does not have exactly three parts");
        }

        var header = Base64Url.TryDecode(token.AsSpan(0, firstDot));
        if (header is null)
        {
            return SeatTokenVerification.Fail(SeatTokenStatus.Malformed, "header is not base64url");
        }

        var algorithmProblem = CheckHeader(header);
        if (algorithmProblem is not null)
        {
            return algorithmProblem.Value;
        }

        Span<byte> given = stackalloc byte[SeatTokenIssuer.MacLength];
        var signature = token.AsSpan(secondDot + 1);
        if (Base64Url.DecodedLength(signature.Length) != SeatTokenIssuer.MacLength || !Base64Url.TryDecode(signature, given, out _))
        {
            return SeatTokenVerification.Fail(SeatTokenStatus.BadSignature, "signature is not a base64url HS256 tag");
        }

        Span<byte> expected = stackalloc byte[SeatTokenIssuer.MacLength];
        SeatTokenIssuer.ComputeMac(key, Encoding.UTF8.GetBytes(token.Substring(0, secondDot)), expected);
        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return SeatTokenVerification.Fail(SeatTokenStatus.BadSignature, "signature does not match");
        }

        var payload = Base64Url.TryDecode(token.AsSpan(firstDot + 1, secondDot - firstDot - 1));
        if (payload is null)
        {
            return SeatTokenVerification.Fail(SeatTokenStatus.Malformed, "payload is not base64url");
        }

        return ReadClaims(payload, expectedRoomId, now);
    }

    private static SeatTokenVerification? CheckHeader(byte[] header)
    {
        try
        {
            using var document = JsonDocument.Parse(header);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return SeatTokenVerification.Fail(SeatTokenStatus.Malformed, "header is not a JSON object");
            }

            if (!root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
            {
                var named = root.TryGetProperty("alg", out var a) ? a.ToString() : "(none)";
                return SeatTokenVerification.Fail(SeatTokenStatus.UnsupportedAlgorithm, $"alg \"{named}\" is not HS256");
            }

            if (root.TryGetProperty("typ", out var typ) && (typ.ValueKind != JsonValueKind.String || typ.GetString() != "JWT"))
            {
                return SeatTokenVerification.Fail(SeatTokenStatus.Malformed, $"typ \"{typ}\" is not JWT");
            }

            return null;
        }
        catch (Exception e) when (IsJsonFailure(e))
        {
            return SeatTokenVerification.Fail(SeatTokenStatus.Malformed, "header is not JSON");
        }
    }

    private SeatTokenVerification ReadClaims(byte[] payload, string expectedRoomId, DateTimeOffset now)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return SeatTokenVerification.Fail(SeatTokenStatus.InvalidClaims, "payload is not a JSON object");
            }

            if (!TryString(root, "roomId", out var roomId) || !TryString(root, "clientId", out var clientId) || !TryString(root, "jti", out var tokenId))
            {
                return SeatTokenVerification.Fail(SeatTokenStatus.InvalidClaims, "roomId, clientId and jti must be non-empty strings");
            }

            if (!root.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || !exp.TryGetDouble(out var expSeconds))
            {
                return SeatTokenVerification.Fail(SeatTokenStatus.InvalidClaims, "exp must be a number of seconds");
            }

            DateTimeOffset? issuedAt = null;
            if (root.TryGetProperty("iat", out var iat) && iat.ValueKind == JsonValueKind.Number && iat.TryGetInt64(out var iatSeconds)
                && iatSeconds is > 0 and < 253402300799)
            {
                issuedAt = DateTimeOffset.FromUnixTimeSeconds(iatSeconds);
            }

            var data = root.TryGetProperty("data", out var d) ? d.GetRawText() : "{}";
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("tags", out var t))
            {
                if (t.ValueKind != JsonValueKind.Object)
                {
                    return SeatTokenVerification.Fail(SeatTokenStatus.InvalidClaims, "tags must be an object of strings");
                }

                foreach (var property in t.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        return SeatTokenVerification.Fail(SeatTokenStatus.InvalidClaims, $"tag \"{property.Name}\" is not a string");
                    }

                    tags[property.Name] = property.Value.GetString()!;
                }
            }

            var nowSeconds = now.ToUnixTimeMilliseconds() / 1000.0;
            if (nowSeconds > expSeconds + leewaySeconds)
            {
                return SeatTokenVerification.Fail(SeatTokenStatus.Expired, $"expired at {expSeconds} (now {nowSeconds:F0}, leeway {leewaySeconds}s)");
            }

            if (!string.Equals(roomId, expectedRoomId, StringComparison.Ordinal))
            {
                return SeatTokenVerification.Fail(SeatTokenStatus.WrongRoom, $"token is for room {roomId}, not {expectedRoomId}");
            }

            // Clamp so a forged far-future exp cannot overflow DateTimeOffset; the value is only used for bookkeeping.
            var expiresAt = DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(Math.Ceiling(expSeconds), 253402300799));
            return SeatTokenVerification.Valid(new SeatClaims(roomId, clientId, expiresAt, tokenId, data, tags, issuedAt));
        }
        catch (Exception e) when (IsJsonFailure(e))
        {
            return SeatTokenVerification.Fail(SeatTokenStatus.Malformed, "payload is not JSON");
        }
    }

    // System.Text.Json reports bad UTF-8 or unpaired surrogate escapes with these types besides JsonException.
    private static bool IsJsonFailure(Exception e) => e is JsonException or InvalidOperationException or ArgumentException or FormatException;

    private static bool TryString(JsonElement root, string name, out string value)
    {
        value = string.Empty;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString()!;
        return value.Length > 0;
    }
}
