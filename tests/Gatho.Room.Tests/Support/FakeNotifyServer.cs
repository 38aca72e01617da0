using System.Net.Sockets;
using System.Threading.Channels;
using Gatho.Protocol.Notify;

namespace Gatho.Room.Tests.Support;

/// <summary>
/// The server's end of a notify channel, for room tests: a Unix domain socket in a private temp directory that records
/// every message a room sends and can send commands, drop the connection or vanish altogether.
/// </summary>
internal sealed class FakeNotifyServer : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly Channel<NotifyMessage> messages = Channel.CreateUnbounded<NotifyMessage>();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;
    private readonly TaskCompletionSource<Socket> firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? active;

    public FakeNotifyServer()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("gatho-notify-").FullName;
        SocketPath = Path.Combine(Directory, "sock");
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        listener.Listen(4);
        acceptLoop = AcceptAsync();
    }

    public string Directory { get; }

    public string SocketPath { get; }

    public string Target => "uds:" + SocketPath;

    public int Connections { get; private set; }

    /// <summary>Completes when a room closes its end of the channel.</summary>
    public TaskCompletionSource HungUp { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Messages already received and not taken yet.</summary>
    public List<NotifyMessage> Drain()
    {
        var rest = new List<NotifyMessage>();
        while (messages.Reader.TryRead(out var message))
        {
            rest.Add(message);
        }

        return rest;
    }

    /// <summary>The next message (skipping heartbeats unless asked for them).</summary>
    public async Task<NotifyMessage> NextAsync(bool includeHeartbeats = false)
    {
        using var timeout = new CancellationTokenSource(WireClient.Patience);
        while (true)
        {
            var message = await messages.Reader.ReadAsync(timeout.Token);
            if (includeHeartbeats || message is not HeartbeatNotify)
            {
                return message;
            }
        }
    }

    public async Task<T> NextAsync<T>()
        where T : NotifyMessage
    {
        using var timeout = new CancellationTokenSource(WireClient.Patience);
        while (true)
        {
            if (await messages.Reader.ReadAsync(timeout.Token) is T match)
            {
                return match;
            }
        }
    }

    /// <summary>
    /// Sends a command on the room's current connection. A room's dial can complete before this side's accept loop has
    /// run, so a command sent right after the room reports anything waits (bounded) for the accept rather than failing.
    /// </summary>
    public async Task SendAsync(RoomCommand command)
    {
        var socket = active ?? await firstConnection.Task.WaitAsync(WireClient.Patience);
        await socket.SendAsync(RoomCommandCodec.EncodeFrame(command), SocketFlags.None);
    }

    /// <summary>Closes the room's current connection (the listener stays, so the room may redial).</summary>
    public void DropConnection() => active?.Dispose();

    /// <summary>The server dies: no listener, no socket file, no connection.</summary>
    public void Vanish()
    {
        stopping.Cancel();
        listener.Dispose();
        active?.Dispose();
        File.Delete(SocketPath);
    }

    public async ValueTask DisposeAsync()
    {
        Vanish();
        try
        {
            await acceptLoop;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var socket = await listener.AcceptAsync(stopping.Token);
            active = socket;
            Connections++;
            firstConnection.TrySetResult(socket);
            _ = ReadAsync(socket);
        }
    }

    private async Task ReadAsync(Socket socket)
    {
        var parser = new NotifyFrameParser();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    HungUp.TrySetResult();
                    return;
                }

                parser.Append(buffer.AsSpan(0, read));
                while (parser.TryReadFrame(out var payload))
                {
                    messages.Writer.TryWrite(NotifyCodec.Decode(payload.Span));
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
