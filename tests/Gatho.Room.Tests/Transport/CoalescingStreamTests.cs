using Gatho.Room.Transport;

namespace Gatho.Room.Tests.Transport;

public sealed class CoalescingStreamTests
{
    [Fact]
    public async Task Writes_inside_a_batch_reach_the_connection_as_one_write_and_one_flush()
    {
        var inner = new RecordingStream();
        await using var stream = new CoalescingStream(inner);

        stream.BeginBatch();
        await stream.WriteAsync(new byte[] { 1, 2 });
        await stream.WriteAsync(new byte[] { 3 });
        await stream.WriteAsync(new byte[5000]);
        await stream.FlushAsync();
        Assert.Empty(inner.Writes);
        Assert.Equal(5003, stream.PendingBytes);

        await stream.EndBatchAsync(CancellationToken.None);

        var write = Assert.Single(inner.Writes);
        Assert.Equal(5003, write.Length);
        Assert.Equal(new byte[] { 1, 2, 3 }, write[..3]);
        Assert.Equal(1, inner.Flushes);
        Assert.Equal(0, stream.PendingBytes);
    }

    [Fact]
    public async Task Writes_outside_a_batch_go_straight_through_and_an_empty_batch_writes_nothing()
    {
        var inner = new RecordingStream();
        await using var stream = new CoalescingStream(inner);

        await stream.WriteAsync(new byte[] { 9 });
        stream.BeginBatch();
        await stream.EndBatchAsync(CancellationToken.None);

        Assert.Equal(new byte[] { 9 }, Assert.Single(inner.Writes));
        Assert.Equal(1, inner.Flushes);
    }

    [Fact]
    public async Task The_writer_takes_the_ack_first_then_frames_within_the_batch_bounds()
    {
        var queue = new OutboundQueue(hardCap: 10_000, unreliableLimit: 10_000);
        for (byte i = 1; i <= 5; i++)
        {
            queue.Enqueue(new byte[] { i, 0, 0, 0 }, OutboundKind.Reliable);
        }

        queue.Enqueue(new byte[] { 0, 3, 7 }, OutboundKind.Ack);
        var batch = new List<byte[]>();

        var (ended, _) = await queue.TakeBatchAsync(batch, maxFrames: 3, maxBytes: 1000);
        Assert.False(ended);
        Assert.Equal(new byte[] { 0, 1, 2 }, batch.Select(f => f[0]).ToArray()); // the ack, then frames 1 and 2

        batch.Clear();
        (ended, _) = await queue.TakeBatchAsync(batch, maxFrames: 10, maxBytes: 6);
        Assert.False(ended);
        Assert.Equal(new byte[] { 3 }, batch.Select(f => f[0]).ToArray()); // a second 4-byte frame would pass 6 bytes
        Assert.Equal(8, queue.Bytes);

        queue.Complete(1000, "bye");
        batch.Clear();
        (ended, _) = await queue.TakeBatchAsync(batch, maxFrames: 10, maxBytes: 1000);
        Assert.False(ended);
        Assert.Equal(new byte[] { 4, 5 }, batch.Select(f => f[0]).ToArray());
        batch.Clear();
        var (last, close) = await queue.TakeBatchAsync(batch, maxFrames: 10, maxBytes: 1000);
        Assert.True(last);
        Assert.Equal((1000, "bye"), close!.Value);
    }

    [Fact]
    public async Task A_waiting_writer_wakes_for_a_frame_queued_later()
    {
        var queue = new OutboundQueue(hardCap: 10_000, unreliableLimit: 10_000);
        var batch = new List<byte[]>();
        var take = queue.TakeBatchAsync(batch, maxFrames: 10, maxBytes: 1000).AsTask();
        Assert.False(take.IsCompleted);

        queue.Enqueue(new byte[] { 42 }, OutboundKind.Reliable);

        var (ended, _) = await take.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(ended);
        Assert.Equal(42, Assert.Single(batch)[0]);
    }

    private sealed class RecordingStream : MemoryStream
    {
        public List<byte[]> Writes { get; } = new();

        public int Flushes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.ToArray());
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return Task.CompletedTask;
        }
    }
}
