using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Gatho.Client;
using Gatho.Client.Transport;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;

namespace Gatho.Benchmarks;

/// <summary>
/// The .NET client's own per-message cost, with an in-memory socket in place of the network: sending reliable text
/// (v2: numbered, held until the room's ack, written by the attempt's writer loop) and receiving reliable text (decode,
/// count, ack every 32 frames, raise <see cref="GathoClient.MessageReceived"/> on the background dispatcher).
/// One operation is <see cref="Messages"/> messages; divide by it for the per-message figure.
/// </summary>
[MemoryDiagnoser]
public class ClientBenchmarks
{
    public const int Messages = 1000;
    private const string Text = "{\"type\":\"move\",\"x\":12.5,\"y\":-3.25,\"tick\":10492}";
    private readonly byte[] roomFrame = FrameCodec.EncodeText(FrameType.Text, Text);
    private MemorySocket socket = null!;
    private GathoClient client = null!;
    private uint sent;
    private int received;
    private int receiveTarget;
    private TaskCompletionSource? receivedAll;

    [GlobalSetup]
    public void Setup()
    {
        var transport = new MemoryTransport();
        client = new GathoClient("ws://127.0.0.1:9/?token=t", new GathoClientOptions { Transport = transport });
        client.MessageReceived += _ =>
        {
            if (++received == receiveTarget)
            {
                receivedAll!.TrySetResult();
            }
        };
        var connect = client.ConnectAsync();

        // The client dials on its reconnect loop, not on the caller's thread: wait for its socket.
        socket = transport.Created.GetAwaiter().GetResult();
        socket.Deliver(ProtocolMessageCodec.EncodeFrame(new SessionMessage("c1", "tok")));
        connect.GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => client.CloseAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "client send: 1000 reliable text messages, written and acknowledged (v2)")]
    public async Task Send()
    {
        var written = socket.ExpectWrites(Messages);
        for (var i = 0; i < Messages; i++)
        {
            client.Send(Text);
        }

        await written.ConfigureAwait(false);
        sent += Messages;

        // The room's ack lets the held frames go, so the buffer never fills across iterations.
        socket.Deliver(ProtocolMessageCodec.EncodeFrame(new AckMessage(sent)));
        while (client.BufferedBytes != 0)
        {
            await Task.Yield();
        }
    }

    [Benchmark(Description = "client receive: 1000 reliable text messages, decoded and raised (v2)")]
    public Task Receive()
    {
        receivedAll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiveTarget = received + Messages;
        for (var i = 0; i < Messages; i++)
        {
            socket.Deliver(roomFrame);
        }

        return receivedAll.Task;
    }

    private sealed class MemoryTransport : IClientTransport
    {
        private readonly TaskCompletionSource<MemorySocket> created = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<MemorySocket> Created => created.Task;

        public IClientSocket CreateSocket()
        {
            var socket = new MemorySocket();
            created.TrySetResult(socket);
            return socket;
        }
    }

    /// <summary>Frames in through a channel, frames out counted; connect succeeds at once.</summary>
    private sealed class MemorySocket : IClientSocket
    {
        private readonly Channel<byte[]?> inbox = Channel.CreateUnbounded<byte[]?>(new UnboundedChannelOptions { SingleReader = true });
        private long userWrites;
        private long writeTarget;
        private TaskCompletionSource? writesDone;

        public void Deliver(byte[] frame) => inbox.Writer.TryWrite(frame);

        public Task ExpectWrites(int count)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            writesDone = done;
            Volatile.Write(ref writeTarget, Interlocked.Read(ref userWrites) + count);
            if (Interlocked.Read(ref userWrites) >= Volatile.Read(ref writeTarget))
            {
                done.TrySetResult();
            }

            return done.Task;
        }

        public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
        {
            if (message.Span[0] != (byte)FrameType.Protocol && Interlocked.Increment(ref userWrites) == Volatile.Read(ref writeTarget))
            {
                writesDone?.TrySetResult();
            }

            return default;
        }

        public async ValueTask<SocketReceiveResult> ReceiveAsync(MessageBuffer destination, int maxMessageBytes, CancellationToken cancellationToken)
        {
            var frame = await inbox.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (frame is null)
            {
                return new SocketReceiveResult(SocketMessageKind.Close, 4000, "consented leave");
            }

            frame.CopyTo(destination.GetMemory(frame.Length).Span);
            destination.Advance(frame.Length);
            return new SocketReceiveResult(SocketMessageKind.Binary);
        }

        public Task CloseOutputAsync(int code, string reason, CancellationToken cancellationToken)
        {
            inbox.Writer.TryWrite(null);
            return Task.CompletedTask;
        }

        public void Abort() => inbox.Writer.TryWrite(null);

        public void Dispose()
        {
        }
    }
}
