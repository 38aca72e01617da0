using System.Buffers;

namespace Gatho.Typed;

/// <summary>
/// A growable <see cref="IBufferWriter{T}"/> over pooled arrays: typed sends serialize into one, hand its bytes to the
/// socket layer (which copies them into the frame once) and give it back, so a send or broadcast allocates nothing.
/// One instance is cached per thread; <see cref="Rent"/> hands out a fresh one when the cached one is in use
/// (a send from inside a send, on the same thread).
/// </summary>
public sealed class MessageBuffer : IBufferWriter<byte>, IDisposable
{
    private const int InitialSize = 512;

    // Larger buffers are returned to the pool instead of being kept by the thread, so one huge message does not pin
    // its array for the thread's lifetime.
    private const int KeepAtMost = 64 * 1024;

    [ThreadStatic]
    private static MessageBuffer? cached;

    private byte[] array;
    private int written;

    private MessageBuffer()
    {
        array = ArrayPool<byte>.Shared.Rent(InitialSize);
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => array.AsSpan(0, written);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => array.AsMemory(0, written);

    /// <summary>An empty buffer; dispose it to give it back.</summary>
    public static MessageBuffer Rent()
    {
        var buffer = cached;
        if (buffer is null)
        {
            return new MessageBuffer();
        }

        cached = null;
        return buffer;
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        if (count < 0 || written + count > array.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "advanced past the end of the buffer");
        }

        written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return array.AsMemory(written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return array.AsSpan(written);
    }

    /// <summary>Copies the written bytes into a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Gives the buffer back (to the thread's cache, or its array to the pool).</summary>
    public void Dispose()
    {
        written = 0;
        if (array.Length > KeepAtMost)
        {
            ArrayPool<byte>.Shared.Return(array);
            array = ArrayPool<byte>.Shared.Rent(InitialSize);
        }

        cached = this;
    }

    private void Ensure(int sizeHint)
    {
        var needed = written + Math.Max(sizeHint, 1);
        if (needed <= array.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, array.Length * 2));
        array.AsSpan(0, written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(array);
        array = bigger;
    }
}
