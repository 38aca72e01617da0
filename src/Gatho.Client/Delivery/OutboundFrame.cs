using System.Buffers;
using Gatho.Protocol.Framing;

namespace Gatho.Client.Delivery;

/// <summary>
/// One encoded frame on its way out, in a pooled array. It is reference counted because a v2 reliable frame is held by
/// the replay buffer (until acknowledged) and by one or more socket writers (the first send and each resend) at once;
/// the array goes back to the pool when the last holder lets go.
/// </summary>
internal sealed class OutboundFrame
{
    private const int OneWalkTextLength = 8192;

    private byte[] buffer;
    private readonly bool pooled;
    private int references = 1;

    private OutboundFrame(byte[] buffer, int length, bool pooled)
    {
        this.buffer = buffer;
        this.pooled = pooled;
        Length = length;
    }

    /// <summary>Wire bytes: type byte plus payload. This is what the outbound byte limit counts.</summary>
    public int Length { get; }

    /// <summary>v2 reliable frames: the frame's number in this direction (from 1); 0 otherwise.</summary>
    public uint Sequence { get; set; }

    public ReadOnlyMemory<byte> Memory => buffer.AsMemory(0, Length);

    /// <summary>
    /// A text frame. Up to <see cref="OneWalkTextLength"/> UTF-16 units the array is rented for the worst case, so the
    /// string is walked once (the encode); longer texts are counted first rather than renting three times their size.
    /// </summary>
    public static OutboundFrame ForText(FrameType type, string text)
    {
        var size = text.Length <= OneWalkTextLength ? FrameCodec.MaxTextFrameLength(text) : FrameCodec.TextFrameLength(text);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        var written = FrameCodec.EncodeText(type, text, rented);
        return new OutboundFrame(rented, written, pooled: true);
    }

    public static OutboundFrame ForBytes(FrameType type, ReadOnlySpan<byte> payload)
    {
        var rented = ArrayPool<byte>.Shared.Rent(FrameCodec.HeaderSize + payload.Length);
        var written = FrameCodec.Encode(type, payload, rented);
        return new OutboundFrame(rented, written, pooled: true);
    }

    /// <summary>A frame that is already encoded (protocol messages: small and rare, not pooled).</summary>
    public static OutboundFrame ForEncoded(byte[] frame) => new(frame, frame.Length, pooled: false);

    public void AddReference() => Interlocked.Increment(ref references);

    public void Release()
    {
        var left = Interlocked.Decrement(ref references);
        if (left == 0 && pooled)
        {
            var rented = buffer;
            buffer = Array.Empty<byte>();
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
