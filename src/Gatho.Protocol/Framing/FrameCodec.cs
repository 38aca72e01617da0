using System.Text;

namespace Gatho.Protocol.Framing;

/// <summary>Why a WebSocket message is not a valid Gatho frame.</summary>
public enum FrameError
{
    /// <summary>The frame is valid.</summary>
    None = 0,

    /// <summary>The message has no bytes at all, so no type byte.</summary>
    Empty,

    /// <summary>Byte 0 is not a frame type this protocol version knows.</summary>
    UnknownType,

    /// <summary>A text frame whose payload is not valid UTF-8.</summary>
    InvalidUtf8,
}

/// <summary>
/// Encodes and decodes the one-byte frame header. Decoding never allocates: the payload is a slice of the input.
/// Encoding allocates exactly the frame you hand out (one byte longer than the payload).
/// </summary>
public static class FrameCodec
{
    /// <summary>Size of the frame header (the type byte).</summary>
    public const int HeaderSize = 1;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Splits a received message into its type and payload. Types <c>0x03</c>/<c>0x04</c> are accepted only when
    /// <paramref name="protocolVersion"/> is 2 or later; in v1 they are unknown, as in gatho.
    /// </summary>
    public static FrameError TryDecode(ReadOnlySpan<byte> frame, int protocolVersion, out FrameType type, out ReadOnlySpan<byte> payload)
    {
        type = default;
        payload = default;
        if (frame.IsEmpty)
        {
            return FrameError.Empty;
        }

        var raw = Polyfills.SpanBytes.At(frame, 0);
        var highest = protocolVersion >= ProtocolVersions.V2 ? FrameType.UnreliableBinary : FrameType.Binary;
        if (raw > (byte)highest)
        {
            return FrameError.UnknownType;
        }

        type = (FrameType)raw;
        payload = frame.Slice(HeaderSize);
        return FrameError.None;
    }

    /// <summary>Decodes the payload of a text frame, rejecting invalid UTF-8 rather than replacing it.</summary>
    public static bool TryDecodeText(ReadOnlySpan<byte> payload, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(payload);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    /// <summary>Number of bytes <see cref="EncodeText(FrameType, string, Span{byte})"/> writes for <paramref name="text"/>.</summary>
    public static int TextFrameLength(string text) => HeaderSize + Encoding.UTF8.GetByteCount(text);

    /// <summary>Writes a frame of <paramref name="type"/> wrapping <paramref name="payload"/>; returns the bytes written.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int Encode(FrameType type, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (destination.Length < HeaderSize + payload.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes, frame needs {HeaderSize + payload.Length}", nameof(destination));
        }

        destination[0] = (byte)type;
        payload.CopyTo(destination.Slice(HeaderSize));
        return HeaderSize + payload.Length;
    }

    /// <summary>
    /// Bytes enough for any <paramref name="text"/> of this length (3 per UTF-16 unit, plus the header), or -1 when that
    /// would not fit an <see cref="int"/>. A buffer this size lets <see cref="EncodeText(FrameType, string, Span{byte})"/>
    /// encode without counting first.
    /// </summary>
    public static int MaxTextFrameLength(string text)
    {
        var max = HeaderSize + (3L * ((text ?? throw new ArgumentNullException(nameof(text))).Length + 1));
        return max <= int.MaxValue ? (int)max : -1;
    }

    /// <summary>Writes a text frame of <paramref name="type"/> (UTF-8 payload); returns the bytes written.</summary>
    /// <remarks>
    /// When <paramref name="destination"/> holds <see cref="MaxTextFrameLength"/> bytes the string is walked once (the
    /// encode); only a shorter destination makes it count the UTF-8 bytes first, to fail before writing.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int EncodeText(FrameType type, string text, Span<byte> destination)
    {
        var worstCase = MaxTextFrameLength(text);
        if (worstCase < 0 || destination.Length < worstCase)
        {
            var needed = TextFrameLength(text);
            if (destination.Length < needed)
            {
                throw new ArgumentException($"destination has {destination.Length} bytes, frame needs {needed}", nameof(destination));
            }
        }

        destination[0] = (byte)type;
        return HeaderSize + Encoding.UTF8.GetBytes(text.AsSpan(), destination.Slice(HeaderSize));
    }

    /// <summary>Allocates and returns a frame of <paramref name="type"/> wrapping <paramref name="payload"/>.</summary>
    public static byte[] Encode(FrameType type, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderSize + payload.Length];
        Encode(type, payload, frame);
        return frame;
    }

    /// <summary>Allocates and returns a text frame of <paramref name="type"/>.</summary>
    public static byte[] EncodeText(FrameType type, string text)
    {
        // Exact size: one walk to count and one to encode (the span overload would count again).
        var frame = new byte[TextFrameLength(text ?? throw new ArgumentNullException(nameof(text)))];
        frame[0] = (byte)type;
        Encoding.UTF8.GetBytes(text.AsSpan(), frame.AsSpan(HeaderSize));
        return frame;
    }
}
