using System.Net.Sockets;
using System.Threading.Channels;
using Gatho.Protocol.Errors;
using Gatho.Protocol.Notify;

namespace Gatho.Server.Tests.Support;

/// <summary>
/// The room end of a notify channel, driven by the test: it dials the server's per-room socket and sends exactly the
/// messages (or raw bytes) a test scripts, and collects the commands the server sends back. Lets a test play a room
/// that is slow, silent, lying or hostile without a real room runtime.
/// </summary>
internal sealed class FakeRoom : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly Channel<RoomCommand> commands = Channel.CreateUnbounded<RoomCommand>();
    private readonly TaskCompletionSource closedByServer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task reader;

    private FakeRoom(Socket socket)
    {
        this.socket = socket;
        reader = Task.Run(ReadAsync);
    }

    /// <summary>Completes when the server ends the connection (refused, closed, over-size frame).</summary>
    public Task ClosedByServer => closedByServer.Task;

    public ChannelReader<RoomCommand> Commands => commands.Reader;

    public static async Task<FakeRoom> DialAsync(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var timeout = new CancellationTokenSource(Wait.Patience);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
            return new FakeRoom(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendAsync(NotifyMessage message) => SendRawAsync(NotifyCodec.EncodeFrame(message));

    public async Task SendRawAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(Wait.Patience);
        await socket.SendAsync(bytes, SocketFlags.None, timeout.Token);
    }

    /// <summary>The next command from the server.</summary>
    public async Task<RoomCommand> NextCommandAsync()
    {
        using var timeout = new CancellationTokenSource(Wait.Patience);
        return await commands.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        socket.Dispose();
        await reader;
    }

    private async Task ReadAsync()
    {
        var parser = new NotifyFrameParser();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                parser.Append(buffer.AsSpan(0, read));
                while (parser.TryReadFrame(out var payload))
                {
                    commands.Writer.TryWrite(RoomCommandCodec.Decode(payload.Span));
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or GathoProtocolException)
        {
        }

        closedByServer.TrySetResult();
        commands.Writer.TryComplete();
    }
}
