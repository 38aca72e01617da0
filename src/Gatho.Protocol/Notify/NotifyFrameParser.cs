using System.Buffers;
using System.Buffers.Binary;
using Gatho.Protocol.Errors;

namespace Gatho.Protocol.Notify;

/// <summary>
/// Streaming reader of length-prefixed notify frames. Feed it whatever a socket read returned — partial frames, several
/// frames at once, a byte at a time, a length prefix split across reads — and take complete payloads out. A length over
/// the bound is rejected as soon as its prefix arrives, before any of the frame is buffered (fixes gatho's unbounded
/// notify frames, gap 17). After an error the parser stays failed.
/// </summary>
public sealed class NotifyFrameParser
{
    /// <summary>Default bound on a notify payload: 1 MiB (a heartbeat of thousands of tagged clients fits).</summary>
    public const int DefaultMaxFrameBytes = 1024 * 1024;

    private readonly int maxFrameBytes;
    private byte[] buffer = new byte[256];
    private int start;
    private int end;
    private string? failure;

    /// <summary>Creates a parser that refuses payloads over <paramref name="maxFrameBytes"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bound is not positive.</exception>
    public NotifyFrameParser(int maxFrameBytes = DefaultMaxFrameBytes)
    {
        if (maxFrameBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFrameBytes), maxFrameBytes, "frame bound must be positive");
        }

        this.maxFrameBytes = maxFrameBytes;
    }

    /// <summary>Bytes received but not yet returned as frames.</summary>
    public int BufferedBytes => end - start;

    /// <summary>Appends received bytes.</summary>
    /// <exception cref="GathoProtocolException">The parser failed earlier.</exception>
    public void Append(ReadOnlySpan<byte> data)
    {
        ThrowIfFailed();
        if (buffer.Length - end < data.Length)
        {
            Compact(data.Length);
        }

        data.CopyTo(buffer.AsSpan(end));
        end += data.Length;
    }

    /// <summary>
    /// Takes the next complete payload, if one is buffered. The returned memory is a fresh copy the caller owns.
    /// </summary>
    /// <exception cref="GathoProtocolException">A length prefix announces a frame over the bound.</exception>
    public bool TryReadFrame(out ReadOnlyMemory<byte> payload)
    {
        ThrowIfFailed();
        payload = default;
        var available = end - start;
        if (available < NotifyCodec.LengthPrefixSize)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start, NotifyCodec.LengthPrefixSize));
        if (length > (uint)maxFrameBytes)
        {
            failure = $"notify frame of {length} bytes is over the {maxFrameBytes}-byte bound";
            ThrowIfFailed();
        }

        if (available - NotifyCodec.LengthPrefixSize < length)
        {
            return false;
        }

        payload = buffer.AsSpan(start + NotifyCodec.LengthPrefixSize, (int)length).ToArray();
        start += NotifyCodec.LengthPrefixSize + (int)length;
        if (start == end)
        {
            start = end = 0;
        }

        return true;
    }

    /// <summary>
    /// Pipelines form: slices the next complete payload off the front of <paramref name="buffer"/>; leaves it untouched
    /// when no complete frame is there yet.
    /// </summary>
    /// <exception cref="GathoProtocolException">The length prefix announces a frame over <paramref name="maxFrameBytes"/>.</exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < NotifyCodec.LengthPrefixSize)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[NotifyCodec.LengthPrefixSize];
        buffer.Slice(0, NotifyCodec.LengthPrefixSize).CopyTo(prefix);
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length > (uint)maxFrameBytes)
        {
            throw new GathoProtocolException($"notify frame of {length} bytes is over the {maxFrameBytes}-byte bound");
        }

        if (buffer.Length - NotifyCodec.LengthPrefixSize < length)
        {
            return false;
        }

        payload = buffer.Slice(NotifyCodec.LengthPrefixSize, length);
        buffer = buffer.Slice(NotifyCodec.LengthPrefixSize + length);
        return true;
    }

    private void Compact(int incoming)
    {
        var live = end - start;
        var needed = live + incoming;
        if (needed > buffer.Length || start == 0)
        {
            var grown = new byte[Math.Max(buffer.Length * 2, needed)];
            Buffer.BlockCopy(buffer, start, grown, 0, live);
            buffer = grown;
        }
        else
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, live);
        }

        start = 0;
        end = live;
    }

    private void ThrowIfFailed()
    {
        if (failure is not null)
        {
            throw new GathoProtocolException(failure);
        }
    }
}
