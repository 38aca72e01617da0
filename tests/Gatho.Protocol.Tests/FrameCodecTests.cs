using Gatho.Protocol.Framing;

namespace Gatho.Protocol.Tests;

public class FrameCodecTests
{
    [Theory]
    [InlineData(0x00, FrameType.Protocol)]
    [InlineData(0x01, FrameType.Text)]
    [InlineData(0x02, FrameType.Binary)]
    public void V1_types_decode_in_both_versions(byte raw, FrameType expected)
    {
        foreach (var version in new[] { ProtocolVersions.V1, ProtocolVersions.V2 })
        {
            Assert.Equal(FrameError.None, FrameCodec.TryDecode(new byte[] { raw, 9, 8 }, version, out var type, out var payload));
            Assert.Equal(expected, type);
            Assert.Equal(new byte[] { 9, 8 }, payload.ToArray());
        }
    }

    [Theory]
    [InlineData(0x03, FrameType.UnreliableText)]
    [InlineData(0x04, FrameType.UnreliableBinary)]
    public void Unreliable_types_exist_only_in_v2(byte raw, FrameType expected)
    {
        Assert.Equal(FrameError.UnknownType, FrameCodec.TryDecode(new[] { raw }, ProtocolVersions.V1, out _, out _));
        Assert.Equal(FrameError.None, FrameCodec.TryDecode(new[] { raw }, ProtocolVersions.V2, out var type, out var payload));
        Assert.Equal(expected, type);
        Assert.True(payload.IsEmpty);
    }

    [Fact]
    public void Empty_message_is_an_error()
    {
        Assert.Equal(FrameError.Empty, FrameCodec.TryDecode(ReadOnlySpan<byte>.Empty, ProtocolVersions.V2, out _, out _));
    }

    [Theory]
    [InlineData(0x05)]
    [InlineData(0x7F)]
    [InlineData(0xFF)]
    public void Unknown_type_byte_is_an_error(byte raw)
    {
        Assert.Equal(FrameError.UnknownType, FrameCodec.TryDecode(new[] { raw, (byte)1 }, ProtocolVersions.V2, out _, out _));
    }

    [Fact]
    public void Text_frames_carry_utf8_after_the_type_byte()
    {
        var frame = FrameCodec.EncodeText(FrameType.Text, "hé");
        Assert.Equal("01 68 C3 A9", Hex.Format(frame));
        Assert.Equal(frame.Length, FrameCodec.TextFrameLength("hé"));
        FrameCodec.TryDecode(frame, ProtocolVersions.V1, out _, out var payload);
        Assert.True(FrameCodec.TryDecodeText(payload, out var text));
        Assert.Equal("hé", text);
    }

    [Theory]
    [InlineData("plain ascii")]
    [InlineData("hé → 漢字 🎲")]
    [InlineData("lone \ud800 surrogate")]
    [InlineData("")]
    public void Text_encodes_the_same_into_a_worst_case_buffer_an_exact_one_and_a_new_array(string text)
    {
        var expected = FrameCodec.EncodeText(FrameType.Text, text);

        var worstCase = new byte[FrameCodec.MaxTextFrameLength(text)];
        var written = FrameCodec.EncodeText(FrameType.Text, text, worstCase);
        Assert.Equal(Hex.Format(expected), Hex.Format(worstCase.AsSpan(0, written).ToArray()));

        var exact = new byte[FrameCodec.TextFrameLength(text)];
        Assert.Equal(exact.Length, FrameCodec.EncodeText(FrameType.Text, text, exact));
        Assert.Equal(Hex.Format(expected), Hex.Format(exact));
    }

    [Fact]
    public void Text_into_a_buffer_one_byte_short_throws_naming_both_sizes_and_writes_nothing()
    {
        var text = "hé 🎲";
        var needed = FrameCodec.TextFrameLength(text);
        var destination = new byte[needed - 1];

        var error = Assert.Throws<ArgumentException>(() => FrameCodec.EncodeText(FrameType.Text, text, destination));

        Assert.Equal("destination", error.ParamName);
        Assert.Contains($"destination has {needed - 1} bytes, frame needs {needed}", error.Message);
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Empty_text_is_a_valid_one_byte_frame()
    {
        var frame = FrameCodec.EncodeText(FrameType.UnreliableText, string.Empty);
        Assert.Equal("03", Hex.Format(frame));
    }

    [Fact]
    public void Binary_frames_wrap_the_exact_bytes()
    {
        var frame = FrameCodec.Encode(FrameType.Binary, new byte[] { 0, 255, 7 });
        Assert.Equal("02 00 FF 07", Hex.Format(frame));
    }

    [Fact]
    public void Invalid_utf8_in_a_text_frame_is_reported_not_replaced()
    {
        Assert.False(FrameCodec.TryDecodeText(new byte[] { 0xC3, 0x28 }, out _));
    }

    [Fact]
    public void Encoding_into_a_short_destination_throws_naming_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => FrameCodec.Encode(FrameType.Binary, new byte[4], new byte[3]));
        Assert.Contains("needs 5", error.Message);
    }

    [Fact]
    public void Frame_type_facts()
    {
        Assert.True(FrameType.Text.IsReliable());
        Assert.True(FrameType.Binary.IsReliable());
        Assert.False(FrameType.UnreliableText.IsReliable());
        Assert.False(FrameType.Protocol.IsUser());
        Assert.True(FrameType.UnreliableBinary.IsUser());
        Assert.Equal(FrameType.UnreliableBinary, FrameTypes.ForUser(text: false, reliable: false));
        Assert.Equal(FrameType.Text, FrameTypes.ForUser(text: true, reliable: true));
    }
}
