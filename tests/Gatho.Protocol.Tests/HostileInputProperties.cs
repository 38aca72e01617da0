using CsCheck;
using Gatho.Protocol.Errors;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Protocol.Notify;
using Gatho.Protocol.SeatTokens;

namespace Gatho.Protocol.Tests;

// Decoding arbitrary bytes yields a message or a GathoProtocolException: never another exception type, never a hang.
// Each property runs on a worker with a timeout, so a decoder that loops forever fails the test instead of hanging CI.
public class HostileInputProperties
{
    private const int TimeoutMs = 120_000;

    private static Task Run(Action property) => Task.Run(property);

    [Fact(Timeout = TimeoutMs)]
    public Task Protocol_message_decoder_only_raises_protocol_errors() => Run(() =>
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            try
            {
                ProtocolMessageCodec.Decode(bytes);
            }
            catch (GathoProtocolException)
            {
            }
        }, iter: 200_000));

    [Fact(Timeout = TimeoutMs)]
    public Task Protocol_decoder_accepts_exactly_what_it_can_reencode() => Run(() =>
        Gen.Byte.Array[0, 24].Sample(bytes =>
        {
            if (ProtocolMessageCodec.TryDecode(bytes, out var message, out _))
            {
                // Whatever decodes must encode back to the same bytes, except non-minimal varuints.
                var again = ProtocolMessageCodec.EncodeFrame(message!).AsSpan(1).ToArray();
                Assert.Equal(message, ProtocolMessageCodec.Decode(again));
            }
        }, iter: 100_000));

    [Fact(Timeout = TimeoutMs)]
    public Task Notify_decoder_only_raises_protocol_errors() => Run(() =>
        Gen.Byte.Array[0, 96].Sample(bytes =>
        {
            try
            {
                NotifyCodec.Decode(bytes);
            }
            catch (GathoProtocolException)
            {
            }
        }, iter: 200_000));

    [Fact(Timeout = TimeoutMs)]
    public Task Notify_decoder_survives_mutations_of_valid_frames() => Run(() =>
    {
        var valid = NotifyCodec.EncodeFrame(new HeartbeatNotify(
            new[] { new HeartbeatClient("abc", new Dictionary<string, string> { ["k"] = "v" }) },
            new ProcessMetrics(1, 2, 3, 4, 5),
            6)).AsSpan(4).ToArray();
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, Gen.Int[0, valid.Length]).Sample((position, value, cut) =>
        {
            var mutated = valid.ToArray();
            mutated[position] = value;
            try
            {
                NotifyCodec.Decode(mutated.AsSpan(0, cut));
            }
            catch (GathoProtocolException)
            {
            }
        }, iter: 100_000);
    });

    [Fact(Timeout = TimeoutMs)]
    public Task Frame_parser_yields_frames_or_a_protocol_error_for_any_chunking() => Run(() =>
        Gen.Select(Gen.Byte.Array[0, 200], Gen.Int[1, 17]).Sample((bytes, chunk) =>
        {
            var parser = new NotifyFrameParser(maxFrameBytes: 64);
            try
            {
                for (var i = 0; i < bytes.Length; i += chunk)
                {
                    parser.Append(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
                    while (parser.TryReadFrame(out var payload))
                    {
                        Assert.True(payload.Length <= 64);
                        NotifyCodec.TryDecode(payload.Span, out _, out _);
                    }
                }
            }
            catch (GathoProtocolException)
            {
            }
        }, iter: 50_000));

    [Fact(Timeout = TimeoutMs)]
    public Task Frame_header_decoder_never_throws() => Run(() =>
        Gen.Select(Gen.Byte.Array[0, 8], Gen.Int[0, 3]).Sample((bytes, version) =>
        {
            var error = FrameCodec.TryDecode(bytes, version, out var type, out var payload);
            Assert.True(error != FrameError.None || (byte)type <= 4);
            Assert.True(error != FrameError.None || payload.Length == bytes.Length - 1);
        }, iter: 100_000));

    [Fact(Timeout = TimeoutMs)]
    public Task Seat_token_verifier_never_throws_on_arbitrary_text() => Run(() =>
    {
        var verifier = new SeatTokenVerifier("secret");
        var part = Gen.Char["ABCDEFabcdef0123456789-_+/=.é\0"].Array[0, 40].Select(c => new string(c));
        Gen.OneOf(Gen.String, Gen.Select(part, part, part, (a, b, c) => a + "." + b + "." + c)).Sample(token =>
        {
            var result = verifier.Verify(token, "room", DateTimeOffset.UnixEpoch);
            Assert.False(result.IsValid);
        }, iter: 100_000);
    });

    [Fact(Timeout = TimeoutMs)]
    public Task Seat_token_verifier_never_throws_on_signed_arbitrary_json() => Run(() =>
    {
        // Someone holding the secret (a buggy backend) can sign anything; the room must still not throw.
        var verifier = new SeatTokenVerifier("secret");
        var json = Gen.OneOf(
            Gen.String.Select(s => "\"" + s + "\""),
            Gen.Const("{\"roomId\":\"room\",\"clientId\":\"c\",\"jti\":\"j\",\"exp\":1e308}"),
            Gen.Const("{\"roomId\":\"room\",\"clientId\":\"c\",\"jti\":\"j\",\"exp\":-1e308}"),
            Gen.Const("{\"roomId\":\"room\",\"clientId\":\"\\ud800\",\"jti\":\"j\",\"exp\":1}"),
            Gen.String);
        json.Sample(payload =>
        {
            var input = SeatTokenIssuer.EncodedHeader + "." + Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(payload));
            var mac = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes("secret"), System.Text.Encoding.ASCII.GetBytes(input));
            verifier.Verify(input + "." + Base64Url.Encode(mac), "room", DateTimeOffset.UnixEpoch);
        }, iter: 20_000);
    });

    [Fact(Timeout = TimeoutMs)]
    public Task Varuint_and_strings_round_trip() => Run(() =>
        Gen.Select(Gen.UInt, Gen.String, Gen.String).Sample((seq, clientId, token) =>
        {
            Assert.Equal(new AckMessage(seq), ProtocolMessageCodec.Decode(ProtocolMessageCodec.EncodeFrame(new AckMessage(seq)).AsSpan(1)));
            var session = new SessionMessage(clientId, token);
            if (IsWellFormed(clientId) && IsWellFormed(token))
            {
                Assert.Equal(session, ProtocolMessageCodec.Decode(ProtocolMessageCodec.EncodeFrame(session).AsSpan(1)));
            }
        }, iter: 20_000));

    // Lone surrogates cannot survive UTF-8; the generator produces them, real ids never contain them.
    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
