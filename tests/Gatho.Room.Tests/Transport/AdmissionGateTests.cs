using System.Net.WebSockets;
using Gatho.Room.Dispatch;
using Gatho.Room.Hosting;
using Gatho.Room.Runtime;
using Gatho.Room.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatho.Room.Tests.Transport;

// Issue 17 defect 3 / DESIGN D12: a socket is not read at all (not one byte) before the room admits it.
public class AdmissionGateTests
{
    [Fact]
    public async Task A_socket_is_not_read_until_admitted()
    {
        var options = new RoomOptions { Standalone = true };
        var context = new ManagedContext(true, "room-1", "room", null, null, null, "{}", "memory", 0);
        var runtime = new RoomRuntime(new RoomCallbacks(), options, context, new RoomDispatcher(NullLogger.Instance), NullLogger.Instance);
        var stream = new ReadRecordingStream();
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var connection = new WebSocketConnection(socket, runtime, 2, "test", options, new ConnectionLimits(10, 10).TryEnter(out _)!, NullLogger.Instance);

        var run = connection.RunAsync(CancellationToken.None);
        Assert.Equal(0, stream.Reads);

        connection.Admit();
        await stream.FirstRead.WaitAsync(WireClient.Patience);
        connection.Abort();
        stream.End();
        await run.WaitAsync(WireClient.Patience);
    }

    [Fact]
    public async Task A_socket_refused_before_admission_is_read_only_to_see_its_close_and_nothing_is_decoded()
    {
        var options = new RoomOptions { Standalone = true };
        var context = new ManagedContext(true, "room-1", "room", null, null, null, "{}", "memory", 0);
        var runtime = new RoomRuntime(new RoomCallbacks(), options, context, new RoomDispatcher(NullLogger.Instance), NullLogger.Instance);
        var stream = new ReadRecordingStream();
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var connection = new WebSocketConnection(socket, runtime, 2, "test", options, new ConnectionLimits(10, 10).TryEnter(out _)!, NullLogger.Instance);

        var run = connection.RunAsync(CancellationToken.None);
        connection.Close(4000, "invalid session");
        await stream.FirstRead.WaitAsync(WireClient.Patience);
        connection.Abort();
        stream.End();
        await run.WaitAsync(WireClient.Patience);
        Assert.Equal(0, await runtime.Dispatcher.Run(() => runtime.FramesFromUnadmitted));
    }

    /// <summary>A stream whose reads never produce data until ended; it records that a read was attempted.</summary>
    private sealed class ReadRecordingStream : Stream
    {
        private readonly TaskCompletionSource firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<int> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int reads;

        public int Reads => Volatile.Read(ref reads);

        public Task FirstRead => firstRead.Task;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void End() => ended.TrySetResult(0);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref reads);
            firstRead.TrySetResult();
            return await ended.Task.WaitAsync(cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
