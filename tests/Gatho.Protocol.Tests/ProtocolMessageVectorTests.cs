using Gatho.Protocol.Errors;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;

namespace Gatho.Protocol.Tests;

// Byte vectors from gatho-behaviour §2.4 (packcat 0.3.0, the encoder gatho's JavaScript client uses), plus the v2 ack.
public class ProtocolMessageVectorTests
{
    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encodes_exactly_the_reference_bytes(string name, ProtocolMessage message, string expected)
    {
        Assert.Equal(expected, Hex.Format(ProtocolMessageCodec.EncodeFrame(message)));
        Assert.NotNull(name);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decodes_the_reference_bytes(string name, ProtocolMessage message, string bytes)
    {
        var frame = Hex.Parse(bytes);
        Assert.Equal(FrameError.None, FrameCodec.TryDecode(frame, ProtocolVersions.V1, out var type, out _));
        Assert.Equal(FrameType.Protocol, type);
        Assert.Equal(message, ProtocolMessageCodec.Decode(frame.AsSpan(1)));
        Assert.NotNull(name);
    }

    public static TheoryData<string, ProtocolMessage, string> Vectors() => new()
    {
        { "leave", LeaveMessage.Instance, "00 02" },
        { "auth_error no", new AuthErrorMessage("no"), "00 01 02 6E 6F" },
        { "session c1 tok", new SessionMessage("c1", "tok"), "00 00 02 63 31 03 74 6F 6B" },
        { "ack 0", new AckMessage(0), "00 03 00" },
        { "ack 1", new AckMessage(1), "00 03 01" },
        { "ack 127", new AckMessage(127), "00 03 7F" },
        { "ack 128", new AckMessage(128), "00 03 80 01" },
        { "ack 300", new AckMessage(300), "00 03 AC 02" },
        { "ack max", new AckMessage(uint.MaxValue), "00 03 FF FF FF FF 0F" },
    };

    [Fact]
    public void Session_field_order_is_sorted_so_client_id_comes_before_token()
    {
        // Swapping the values must swap the bytes: the encoder writes by field, not by argument position.
        var frame = ProtocolMessageCodec.EncodeFrame(new SessionMessage("tok", "c1"));
        Assert.Equal("00 00 03 74 6F 6B 02 63 31", Hex.Format(frame));
    }

    [Fact]
    public void Multibyte_utf8_lengths_count_bytes_not_characters()
    {
        var frame = ProtocolMessageCodec.EncodeFrame(new AuthErrorMessage("é€"));
        Assert.Equal("00 01 05 C3 A9 E2 82 AC", Hex.Format(frame));
        Assert.Equal(new AuthErrorMessage("é€"), ProtocolMessageCodec.Decode(frame.AsSpan(1)));
    }

    [Theory]
    [InlineData("", "empty payload")]
    [InlineData("07", "unknown union index")]
    [InlineData("00 02 63", "truncated session")]
    [InlineData("01 05 6E 6F", "string longer than the payload")]
    [InlineData("02 00", "trailing byte after leave")]
    [InlineData("03 FF FF FF FF 1F", "ack beyond 32 bits")]
    [InlineData("03 80", "truncated varuint")]
    [InlineData("01 02 C3 28", "invalid UTF-8")]
    public void Malformed_payloads_are_protocol_errors(string bytes, string why)
    {
        var payload = Hex.Parse(bytes);
        Assert.False(ProtocolMessageCodec.TryDecode(payload, out var message, out var error), why);
        Assert.Null(message);
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Throws<GathoProtocolException>(() => ProtocolMessageCodec.Decode(payload));
    }
}
