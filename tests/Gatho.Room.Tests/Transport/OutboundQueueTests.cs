using Gatho.Room.Transport;

namespace Gatho.Room.Tests.Transport;

// DESIGN D12 / issue 17 defects 2 and 12: a socket's outbound queue is bounded by bytes, drops unreliable frames first,
// refuses reliable ones over the hard cap, and lets the newest ack jump ahead of queued data.
public class OutboundQueueTests
{
    [Fact]
    public async Task Frames_come_out_in_order_then_the_close()
    {
        var queue = new OutboundQueue(hardCap: 100, unreliableLimit: 50);
        Assert.Equal(SendOutcome.Queued, queue.Enqueue(new byte[] { 1 }, OutboundKind.Reliable));
        Assert.Equal(SendOutcome.Queued, queue.Enqueue(new byte[] { 2 }, OutboundKind.Unreliable));
        Assert.True(queue.Complete(1000, "bye"));
        Assert.Equal(SendOutcome.Closed, queue.Enqueue(new byte[] { 3 }, OutboundKind.Reliable));
        Assert.Equal(1, (await queue.TakeAsync()).Frame![0]);
        Assert.Equal(2, (await queue.TakeAsync()).Frame![0]);
        var end = await queue.TakeAsync();
        Assert.Null(end.Frame);
        Assert.Equal((1000, "bye"), end.Close);
    }

    [Fact]
    public void Unreliable_frames_are_dropped_once_the_backlog_reaches_the_unreliable_limit()
    {
        var queue = new OutboundQueue(hardCap: 1000, unreliableLimit: 25);
        Assert.Equal(SendOutcome.Queued, queue.Enqueue(new byte[20], OutboundKind.Unreliable));
        Assert.Equal(SendOutcome.Dropped, queue.Enqueue(new byte[10], OutboundKind.Unreliable));
        Assert.Equal(SendOutcome.Queued, queue.Enqueue(new byte[10], OutboundKind.Reliable));
        Assert.Equal(1, queue.DroppedUnreliable);
        Assert.Equal(30, queue.Bytes);
    }

    [Fact]
    public void A_reliable_frame_over_the_hard_cap_is_refused_but_one_large_frame_passes_an_empty_queue()
    {
        var queue = new OutboundQueue(hardCap: 100, unreliableLimit: 10);
        Assert.Equal(SendOutcome.Queued, queue.Enqueue(new byte[500], OutboundKind.Reliable));
        Assert.Equal(SendOutcome.OverBudget, queue.Enqueue(new byte[1], OutboundKind.Reliable));
        Assert.Equal(500, queue.Bytes);
    }

    [Fact]
    public async Task The_newest_ack_jumps_ahead_of_queued_data_and_replaces_an_older_one()
    {
        var queue = new OutboundQueue(hardCap: 1000, unreliableLimit: 100);
        queue.Enqueue(new byte[] { 1 }, OutboundKind.Reliable);
        queue.Enqueue(new byte[] { 2 }, OutboundKind.Reliable);
        queue.Enqueue(new byte[] { 0, 3, 5 }, OutboundKind.Ack);
        queue.Enqueue(new byte[] { 0, 3, 7 }, OutboundKind.Ack);
        Assert.Equal(new byte[] { 0, 3, 7 }, (await queue.TakeAsync()).Frame);
        Assert.Equal(1, (await queue.TakeAsync()).Frame![0]);
        Assert.Equal(2, (await queue.TakeAsync()).Frame![0]);
        queue.Complete(1000, string.Empty);
        Assert.Null((await queue.TakeAsync()).Frame);
    }

    [Fact]
    public async Task Abandon_forgets_everything_and_ends_without_a_close()
    {
        var queue = new OutboundQueue(hardCap: 1000, unreliableLimit: 100);
        queue.Enqueue(new byte[10], OutboundKind.Reliable);
        queue.Abandon();
        Assert.Equal(0, queue.Bytes);
        var end = await queue.TakeAsync();
        Assert.Null(end.Frame);
        Assert.Null(end.Close);
    }
}
