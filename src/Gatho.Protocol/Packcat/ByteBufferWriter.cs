using System.Buffers;

namespace Gatho.Protocol.Packcat;

/// <summary>
/// A growable <see cref="IBufferWriter{T}"/> over a byte array (netstandard2.1 has no <c>ArrayBufferWriter</c>).
/// Used for the small, infrequent protocol and notify messages; user frames never go through it.
/// </summary>
public sealed class ByteBufferWriter : IBufferWriter<byte>
{
    private byte[] buffer;
    private int written;

    /// <summary>Creates a writer with <paramref name="initialCapacity"/> bytes of room.</summary>
    public ByteBufferWriter(int initialCapacity = 64)
    {
        if (initialCapacity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initialCapacity), initialCapacity, "capacity must not be negative");
        }

        buffer = new byte[Math.Max(initialCapacity, 16)];
    }

    /// <summary>Bytes written so far.</summary>
    public int WrittenCount => written;

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, written);

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, written);

    /// <summary>Copies the bytes written so far into a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets what was written; keeps the buffer.</summary>
    public void Clear() => written = 0;

    /// <inheritdoc />
    public void Advance(int count)
    {
        if (count < 0 || written + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "advanced past the end of the buffer");
        }

        written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (buffer.Length - written >= needed)
        {
            return;
        }

        var size = Math.Max(buffer.Length * 2, written + needed);
        Array.Resize(ref buffer, size);
    }
}
