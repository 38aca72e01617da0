using System.Security.Cryptography;
using System.Text;
using Gatho.Protocol.Errors;
using Gatho.Protocol.SeatTokens;

namespace Gatho.Protocol.Tests;

public class SeatTokenTests
{
    private const string Secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I";
    private const string Room = "room-1";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static SeatClaims Claims(TimeSpan? ttl = null, string data = "{\"displayName\":\"Ada\",\"level\":3}", Dictionary<string, string>? tags = null) =>
        new(Room, "client-1", Now + (ttl ?? TimeSpan.FromSeconds(30)), "jti-1", data, tags ?? new Dictionary<string, string> { ["team"] = "red" }, Now);

    private static SeatTokenVerification Verify(string token, string secret = Secret, DateTimeOffset? at = null, TimeSpan? leeway = null) =>
        new SeatTokenVerifier(secret, leeway).Verify(token, Room, at ?? Now);

    [Fact]
    public void Round_trip_keeps_every_claim()
    {
        var token = SeatTokenIssuer.Mint(Claims(), Secret);
        var result = Verify(token);
        Assert.True(result.IsValid, result.ToString());
        var claims = result.Claims!;
        Assert.Equal(Room, claims.RoomId);
        Assert.Equal("client-1", claims.ClientId);
        Assert.Equal("jti-1", claims.TokenId);
        Assert.Equal(Now + TimeSpan.FromSeconds(30), claims.ExpiresAt);
        Assert.Equal(Now, claims.IssuedAt);
        Assert.Equal("{\"displayName\":\"Ada\",\"level\":3}", claims.DataJson);
        Assert.Equal("red", claims.Tags["team"]);
    }

    [Fact]
    public void Header_is_the_constant_hs256_jwt_header_and_signing_is_deterministic()
    {
        var first = SeatTokenIssuer.Mint(Claims(), Secret);
        Assert.StartsWith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.", first);
        Assert.Equal("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", Encoding.UTF8.GetString(Base64Url.TryDecode(SeatTokenIssuer.EncodedHeader)!));
        Assert.Equal(first, SeatTokenIssuer.Mint(Claims(), Secret));
    }

    [Fact]
    public void Exp_is_standard_seconds()
    {
        var payload = Encoding.UTF8.GetString(Base64Url.TryDecode(SeatTokenIssuer.Mint(Claims(), Secret).Split('.')[1])!);
        Assert.Contains("\"exp\":1800000030", payload);
    }

    [Fact]
    public void Mac_is_hmac_sha256_keyed_with_the_utf8_of_the_secret_text()
    {
        var token = SeatTokenIssuer.Mint(Claims(), Secret);
        var parts = token.Split('.');
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Assert.Equal(expected, Base64Url.TryDecode(parts[2]));
    }

    [Fact]
    public void Wrong_secret_is_a_bad_signature()
    {
        Assert.Equal(SeatTokenStatus.BadSignature, Verify(SeatTokenIssuer.Mint(Claims(), Secret), secret: "another-secret").Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Tampering_with_any_part_is_refused(int part)
    {
        var parts = SeatTokenIssuer.Mint(Claims(), Secret).Split('.');
        var decoded = Base64Url.TryDecode(parts[part])!;
        decoded[decoded.Length / 2] ^= 0x01;
        parts[part] = Base64Url.Encode(decoded);
        var result = Verify(string.Join(".", parts));
        Assert.False(result.IsValid);
        Assert.Null(result.Claims);
    }

    [Fact]
    public void Swapped_payload_claims_fail_the_mac()
    {
        var parts = SeatTokenIssuer.Mint(Claims(), Secret).Split('.');
        var forged = Encoding.UTF8.GetString(Base64Url.TryDecode(parts[1])!).Replace("client-1", "client-2");
        parts[1] = Base64Url.Encode(Encoding.UTF8.GetBytes(forged));
        Assert.Equal(SeatTokenStatus.BadSignature, Verify(string.Join(".", parts)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    public void Wrong_part_count_or_empty_is_malformed(string token)
    {
        var status = Verify(token).Status;
        Assert.True(status is SeatTokenStatus.Malformed, status.ToString());
    }

    [Theory]
    [InlineData("!!!!.e30.AAAA")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.%%%")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.A")]
    [InlineData("e.e30.AAAA")]
    [InlineData("bm90IGpzb24.e30.AAAA")]
    public void Junk_base64_or_json_is_refused_without_throwing(string token)
    {
        Assert.False(Verify(token).IsValid);
    }

    [Fact]
    public void Expired_token_is_refused_and_leeway_is_honoured()
    {
        var token = SeatTokenIssuer.Mint(Claims(TimeSpan.FromSeconds(30)), Secret);
        var leeway = TimeSpan.FromSeconds(10);
        Assert.True(Verify(token, at: Now + TimeSpan.FromSeconds(35), leeway: leeway).IsValid);
        Assert.True(Verify(token, at: Now + TimeSpan.FromSeconds(40), leeway: leeway).IsValid);
        Assert.Equal(SeatTokenStatus.Expired, Verify(token, at: Now + TimeSpan.FromSeconds(41), leeway: leeway).Status);
        Assert.Equal(SeatTokenStatus.Expired, Verify(token, at: Now + TimeSpan.FromSeconds(31), leeway: TimeSpan.Zero).Status);
    }

    [Fact]
    public void Default_leeway_is_ten_seconds()
    {
        var token = SeatTokenIssuer.Mint(Claims(TimeSpan.FromSeconds(1)), Secret);
        Assert.True(Verify(token, at: Now + TimeSpan.FromSeconds(11)).IsValid);
        Assert.Equal(SeatTokenStatus.Expired, Verify(token, at: Now + TimeSpan.FromSeconds(12)).Status);
    }

    [Theory]
    [InlineData("{\"alg\":\"none\",\"typ\":\"JWT\"}")]
    [InlineData("{\"alg\":\"HS512\",\"typ\":\"JWT\"}")]
    [InlineData("{\"alg\":\"RS256\"}")]
    [InlineData("{\"typ\":\"JWT\"}")]
    [InlineData("{\"alg\":256}")]
    public void Algorithms_other_than_hs256_are_refused_even_with_a_valid_mac(string header)
    {
        var token = Sign(header, PayloadJson(), Secret);
        Assert.Equal(SeatTokenStatus.UnsupportedAlgorithm, Verify(token).Status);
    }

    [Fact]
    public void Alg_none_with_an_empty_signature_is_refused()
    {
        var token = Base64Url.Encode(Encoding.UTF8.GetBytes("{\"alg\":\"none\"}")) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(PayloadJson())) + ".";
        Assert.Equal(SeatTokenStatus.UnsupportedAlgorithm, Verify(token).Status);
    }

    [Fact]
    public void Hs256_header_without_typ_is_accepted()
    {
        Assert.True(Verify(Sign("{\"alg\":\"HS256\"}", PayloadJson(), Secret)).IsValid);
    }

    [Fact]
    public void Token_for_another_room_is_refused()
    {
        var token = SeatTokenIssuer.Mint(new SeatClaims("room-2", "c", Now.AddMinutes(1), "j"), Secret);
        Assert.Equal(SeatTokenStatus.WrongRoom, Verify(token).Status);
    }

    [Theory]
    [InlineData("{\"roomId\":\"room-1\",\"clientId\":\"c\",\"jti\":\"j\"}")]
    [InlineData("{\"roomId\":\"room-1\",\"clientId\":\"c\",\"exp\":\"soon\",\"jti\":\"j\"}")]
    [InlineData("{\"roomId\":\"room-1\",\"exp\":1800000030,\"jti\":\"j\"}")]
    [InlineData("{\"roomId\":\"room-1\",\"clientId\":\"c\",\"exp\":1800000030}")]
    [InlineData("{\"roomId\":\"room-1\",\"clientId\":\"\",\"exp\":1800000030,\"jti\":\"j\"}")]
    [InlineData("{\"roomId\":\"room-1\",\"clientId\":\"c\",\"exp\":1800000030,\"jti\":\"j\",\"tags\":{\"a\":1}}")]
    [InlineData("[1,2,3]")]
    public void Missing_or_mistyped_claims_are_refused(string payload)
    {
        Assert.Equal(SeatTokenStatus.InvalidClaims, Verify(Sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, Secret)).Status);
    }

    [Fact]
    public void Overlong_token_is_refused_before_decoding()
    {
        Assert.Equal(SeatTokenStatus.Malformed, Verify(new string('a', SeatLimits.MaxTokenLength + 1)).Status);
    }

    [Fact]
    public void Join_data_is_limited_to_2048_bytes_inclusive()
    {
        // {"x":"…"} is 8 bytes of punctuation and key around the value.
        var atLimit = "{\"x\":\"" + new string('a', SeatLimits.MaxDataBytes - 8) + "\"}";
        Assert.True(Verify(SeatTokenIssuer.Mint(Claims(data: atLimit), Secret)).IsValid);
        var over = "{\"x\":\"" + new string('a', SeatLimits.MaxDataBytes - 7) + "\"}";
        var error = Assert.Throws<PayloadTooLargeException>(() => SeatTokenIssuer.Mint(Claims(data: over), Secret));
        Assert.Equal("data", error.Field);
        Assert.Equal(2049, error.SizeBytes);
        Assert.Equal(2048, error.LimitBytes);
        Assert.Equal("payload-too-large", error.Code);
    }

    [Fact]
    public void Join_data_size_is_measured_on_compact_json()
    {
        var spaced = "{ \"x\" :\n \"" + new string('a', SeatLimits.MaxDataBytes - 8) + "\" }";
        Assert.True(Verify(SeatTokenIssuer.Mint(Claims(data: spaced), Secret)).IsValid);
    }

    [Fact]
    public void Tags_are_limited_to_512_bytes_inclusive()
    {
        var atLimit = new Dictionary<string, string> { ["k"] = new string('v', SeatLimits.MaxTagsBytes - 8) };
        Assert.True(Verify(SeatTokenIssuer.Mint(Claims(tags: atLimit), Secret)).IsValid);
        var over = new Dictionary<string, string> { ["k"] = new string('v', SeatLimits.MaxTagsBytes - 7) };
        var error = Assert.Throws<PayloadTooLargeException>(() => SeatTokenIssuer.Mint(Claims(tags: over), Secret));
        Assert.Equal("tags", error.Field);
    }

    [Theory]
    [InlineData("bad key", "x")]
    [InlineData("_reserved", "x")]
    [InlineData("ok", "bad value")]
    [InlineData("ok", "")]
    public void Invalid_client_tags_are_refused_when_minting(string key, string value)
    {
        var error = Assert.Throws<InvalidTagException>(() => SeatTokenIssuer.Mint(Claims(tags: new() { [key] = value }), Secret));
        Assert.Equal("invalid-tag", error.Code);
    }

    [Fact]
    public void Join_data_that_is_not_json_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => SeatTokenIssuer.Mint(Claims(data: "{nope"), Secret));
    }

    [Fact]
    public void Empty_secret_or_ids_are_argument_errors()
    {
        Assert.Throws<ArgumentException>(() => SeatTokenIssuer.Mint(Claims(), string.Empty));
        Assert.Throws<ArgumentException>(() => new SeatTokenVerifier(string.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeatTokenVerifier(Secret, TimeSpan.FromSeconds(-1)));
        var error = Assert.Throws<ArgumentException>(() => new SeatClaims(Room, string.Empty, Now, "j"));
        Assert.Equal("clientId", error.ParamName);
    }

    [Fact]
    public void Absent_data_and_tags_default_to_empty()
    {
        var token = Sign("{\"alg\":\"HS256\"}", "{\"roomId\":\"room-1\",\"clientId\":\"c\",\"exp\":1800000030,\"jti\":\"j\"}", Secret);
        var claims = Verify(token).Claims!;
        Assert.Equal("{}", claims.DataJson);
        Assert.Empty(claims.Tags);
    }

    private static string PayloadJson() => "{\"roomId\":\"room-1\",\"clientId\":\"c\",\"exp\":1800000030,\"jti\":\"j\"}";

    private static string Sign(string header, string payload, string secret)
    {
        var input = Base64Url.Encode(Encoding.UTF8.GetBytes(header)) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(payload));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url.Encode(mac);
    }
}
