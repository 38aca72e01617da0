using System.Buffers;

namespace Gatho.Room.Transport;

/// <summary>
/// The upgraded connection's stream as the room's <see cref="System.Net.WebSockets.WebSocket"/> writes to it. Between
/// <see cref="BeginBatch"/> and <see cref="EndBatchAsync"/> the socket's writes (one per WebSocket frame) are collected in
/// a pooled buffer and reach the connection as one write and one flush: a socket with several queued frames costs one
/// send, not one per frame. Outside a batch (the WebSocket's own pongs and close frames) writes go straight through.
/// Writes to the inner stream are serialized, so a pong written from the receive side never interleaves with a batch.
/// </summary>
internal sealed class CoalescingStream : Stream
{
    private readonly Stream inner;
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly object gate = new();
    private byte[]? pending;
    private int pendingLength;
    private bool batching;

    public CoalescingStream(Stream inner)
    {
        this.inner = inner;
    }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes collected in the current batch.</summary>
    public int PendingBytes
    {
        get
        {
            lock (gate)
            {
                return pendingLength;
            }
        }
    }

    /// <summary>From now on writes are collected until <see cref="EndBatchAsync"/>.</summary>
    public void BeginBatch()
    {
        lock (gate)
        {
            batching = true;
        }
    }

    /// <summary>Writes what the batch collected in one write and flush, and stops collecting.</summary>
    public async ValueTask EndBatchAsync(CancellationToken cancellationToken)
    {
        byte[]? batch;
        int length;
        lock (gate)
        {
            batching = false;
            batch = pending;
            length = pendingLength;
            pending = null;
            pendingLength = 0;
        }

        if (batch is null)
        {
            return;
        }

        try
        {
            await WriteThroughAsync(batch.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (batching)
            {
                Append(buffer.Span);
                return ValueTask.CompletedTask;
            }
        }

        return WriteThroughAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (batching)
            {
                // The batch's end flushes.
                return Task.CompletedTask;
            }
        }

        return inner.FlushAsync(cancellationToken);
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (gate)
            {
                if (pending is not null)
                {
                    ArrayPool<byte>.Shared.Return(pending);
                    pending = null;
                    pendingLength = 0;
                }
            }

            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        Dispose(disposing: true);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (pending is null || pending.Length - pendingLength < data.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(4096, (pendingLength + data.Length) * 2));
            if (pending is not null)
            {
                pending.AsSpan(0, pendingLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(pending);
            }

            pending = larger;
        }

        data.CopyTo(pending.AsSpan(pendingLength));
        pendingLength += data.Length;
    }

    private async ValueTask WriteThroughAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }
}
