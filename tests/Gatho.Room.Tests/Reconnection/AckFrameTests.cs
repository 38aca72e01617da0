using Gatho.Protocol.Messages;
using Gatho.Room.Reconnection;

namespace Gatho.Room.Tests.Reconnection;

public sealed class AckFrameTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(127u)]
    [InlineData(128u)]
    [InlineData(16_383u)]
    [InlineData(16_384u)]
    [InlineData(2_097_151u)]
    [InlineData(268_435_456u)]
    [InlineData(uint.MaxValue)]
    public void The_room_s_ack_frame_is_the_codec_s_bytes(uint seq)
    {
        Assert.Equal(ProtocolMessageCodec.EncodeFrame(new AckMessage(seq)), AckFrame.Encode(seq));
    }
}
