using System.Net.Sockets;
using Gatho.Protocol.Notify;
using Gatho.Room.Notify;
using Gatho.Room.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatho.Room.Tests.Notify;

/// <summary>
/// DESIGN D12 for the notify channel: its queue used to be unbounded, so a server that accepted the channel and then
/// stopped reading it grew the room by every heartbeat and client event, forever. Now the queue has a byte bound; a
/// server that leaves it full is treated as gone (the room shuts itself down, as after a failed redial).
/// </summary>
public sealed class NotifyQueueBoundTests
{
    [Fact]
    public async Task A_server_that_stops_reading_is_given_up_on_at_the_bound_instead_of_growing_the_queue()
    {
        var path = Path.Combine(Path.GetTempPath(), "gatho-nq-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        try
        {
            var accepting = listener.AcceptAsync();
            const long bound = 256 * 1024;
            var channel = await NotifyChannel.ConnectAsync(NotifyTarget.Parse("uds:" + path), TimeSpan.FromMinutes(5), NullLogger.Instance, CancellationToken.None, maxQueuedBytes: bound);
            using var server = await accepting;
            var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            channel.Start(_ => Task.CompletedTask, () =>
            {
                lost.TrySetResult();
                return Task.CompletedTask;
            });

            // The server never reads: once the kernel's socket buffers are full, everything stays queued. 64 MiB of
            // client events is far past both.
            for (var i = 0; i < 64 * 1024 && !lost.Task.IsCompleted; i++)
            {
                channel.Send(new ClientConnectedNotify("client-" + i, "room-1", new Dictionary<string, string> { ["padding"] = new string('x', 900) }));
                Assert.InRange(channel.QueuedBytes, 0, bound);
            }

            await lost.Task.WaitAsync(WireClient.Patience);
            Assert.InRange(channel.QueuedBytes, 0, bound);
            await channel.DisposeAsync();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
