using System.Buffers;

namespace Gatho.Client.Transport;

/// <summary>
/// A reusable, pooled receive buffer: one per socket, grown on demand for large messages and returned to the pool when
/// the socket is done, so receiving does not allocate per message.
/// </summary>
public sealed class MessageBuffer : IDisposable
{
    private byte[] buffer;
    private int length;

    /// <summary>Creates a buffer renting <paramref name="initialCapacity"/> bytes from the shared pool.</summary>
    public MessageBuffer(int initialCapacity = 4096)
    {
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    }

    /// <summary>Bytes of the current message.</summary>
    public int Length => length;

    /// <summary>The current message (valid until the next <see cref="Clear"/>).</summary>
    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, length);

    /// <summary>Forgets the current message; keeps the memory.</summary>
    public void Clear() => length = 0;

    /// <summary>Free space of at least <paramref name="sizeHint"/> bytes after the current message.</summary>
    public Memory<byte> GetMemory(int sizeHint)
    {
        var needed = length + Math.Max(sizeHint, 1);
        if (needed > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        return buffer.AsMemory(length);
    }

    /// <summary>Marks <paramref name="count"/> more bytes, written into <see cref="GetMemory"/>, as part of the message.</summary>
    public void Advance(int count)
    {
        if (count < 0 || length + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "advanced past the end of the buffer");
        }

        length += count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var rented = buffer;
        buffer = Array.Empty<byte>();
        length = 0;
        if (rented.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
