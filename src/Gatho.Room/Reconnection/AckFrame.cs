using Gatho.Protocol.Framing;

namespace Gatho.Room.Reconnection;

/// <summary>
/// The v2 <c>ack{seq}</c> frame, encoded straight into its one exact-size array: <c>0x00</c> (protocol frame), the union
/// index 3 as a packcat varuint, then <c>seq</c> as a varuint (LEB128) — the bytes
/// <see cref="Gatho.Protocol.Messages.ProtocolMessageCodec.EncodeFrame"/> writes for an <c>AckMessage</c>, without the
/// message object, the growable writer and its copy (acks go out for every 32 client frames and every second).
/// </summary>
internal static class AckFrame
{
    private const byte AckUnionIndex = 3;

    public static byte[] Encode(uint seq)
    {
        var length = 2;
        for (var rest = seq; rest >= 0x80; rest >>= 7)
        {
            length++;
        }

        var frame = new byte[length + 1];
        frame[0] = (byte)FrameType.Protocol;
        frame[1] = AckUnionIndex;
        var i = 2;
        while (seq >= 0x80)
        {
            frame[i++] = (byte)(seq | 0x80);
            seq >>= 7;
        }

        frame[i] = (byte)seq;
        return frame;
    }
}
