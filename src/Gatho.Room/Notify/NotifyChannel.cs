using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Gatho.Protocol.Errors;
using Gatho.Protocol.Notify;
using Gatho.Room.Hosting;
using Gatho.Room.Runtime;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Notify;

/// <summary>
/// The room's end of the notify channel (DESIGN D7): length-prefixed packcat frames to the server, server commands
/// back. Messages are queued and written by one writer; a frame leaves the queue only once written, so a redial resends
/// it. When the channel drops and cannot be redialled within the grace period the room is told to shut itself down:
/// a room whose server died must not live on as an orphan (gatho gap 7). The queue is bounded (DESIGN D12): a server
/// that leaves <see cref="DefaultMaxQueuedBytes"/> unread is not supervising the room, which is then treated the same.
/// </summary>
internal sealed class NotifyChannel : INotifySink, IAsyncDisposable
{
    // gatho dials 50 times, 20 ms apart (≈1 s), before start() fails.
    private const int DialAttempts = 50;
    private static readonly TimeSpan DialDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan RedialDelay = TimeSpan.FromMilliseconds(100);
    private const int MaxCommandBytes = 64 * 1024;

    /// <summary>Bytes of notify frames a room keeps unwritten (heartbeats, client events) before it gives up on the server.</summary>
    internal const long DefaultMaxQueuedBytes = 8 * 1024 * 1024;

    private readonly NotifyTarget target;
    private readonly ILogger logger;
    private readonly TimeSpan redialGrace;
    private readonly TimeProvider time;
    private readonly long maxQueuedBytes;
    private long queuedBytes;
    private int overflowed;
    private readonly Channel<byte[]> outbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource closing = new();
    private Func<RoomCommand, Task> onCommand = _ => Task.CompletedTask;
    private Func<Task> onLost = () => Task.CompletedTask;
    private Socket socket;
    private Task loop = Task.CompletedTask;

    private NotifyChannel(NotifyTarget target, Socket socket, TimeSpan redialGrace, ILogger logger, TimeProvider time, long maxQueuedBytes)
    {
        this.target = target;
        this.socket = socket;
        this.redialGrace = redialGrace;
        this.logger = logger;
        this.time = time;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /// <summary>Dials the server (with gatho's retries) and starts the channel.</summary>
    /// <exception cref="RoomConfigurationException">The server could not be reached.</exception>
    /// <param name="target">The server's end.</param>
    /// <param name="redialGrace">How long a lost channel is redialled before the room shuts itself down.</param>
    /// <param name="logger">Where the channel logs.</param>
    /// <param name="cancellationToken">Cancels the dial.</param>
    /// <param name="time">The clock of the redial grace (the room's <c>TimeProvider</c>); the system clock when null.</param>
    /// <param name="maxQueuedBytes">The queue's bound (<see cref="DefaultMaxQueuedBytes"/>; tests lower it).</param>
    public static async Task<NotifyChannel> ConnectAsync(
        NotifyTarget target, TimeSpan redialGrace, ILogger logger, CancellationToken cancellationToken, TimeProvider? time = null, long maxQueuedBytes = DefaultMaxQueuedBytes)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < DialAttempts; attempt++)
        {
            try
            {
                var socket = await DialAsync(target, cancellationToken).ConfigureAwait(false);
                return new NotifyChannel(target, socket, redialGrace, logger, time ?? TimeProvider.System, maxQueuedBytes);
            }
            catch (SocketException e)
            {
                last = e;
                await Task.Delay(DialDelay, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new RoomConfigurationException($"could not dial notify channel {target} after {DialAttempts} attempts: {last?.Message}");
    }

    /// <summary>Starts reading commands and writing messages.</summary>
    /// <param name="commands">Runs for each server command (e.g. stop).</param>
    /// <param name="lost">Runs once if the channel is gone for longer than the grace period.</param>
    public void Start(Func<RoomCommand, Task> commands, Func<Task> lost)
    {
        onCommand = commands;
        onLost = lost;
        loop = RunAsync();
    }

    public void Send(NotifyMessage message)
    {
        var frame = NotifyCodec.EncodeFrame(message);
        if (Interlocked.Add(ref queuedBytes, frame.Length) > maxQueuedBytes)
        {
            Interlocked.Add(ref queuedBytes, -frame.Length);
            GiveUpOnServer(message);
            return;
        }

        if (!outbox.Writer.TryWrite(frame))
        {
            Interlocked.Add(ref queuedBytes, -frame.Length);
            logger.LogDebug("notify channel closed; dropped {Kind}", message.Kind);
        }
    }

    /// <summary>Bytes queued and not yet written.</summary>
    internal long QueuedBytes => Interlocked.Read(ref queuedBytes);

    // The server has left the whole bound unread (it stopped reading, or is too slow to keep up with heartbeats and
    // client events): it is not supervising this room, so the room shuts itself down as when the server is gone,
    // instead of growing its queue until it runs out of memory.
    private void GiveUpOnServer(NotifyMessage message)
    {
        if (Interlocked.Exchange(ref overflowed, 1) == 1)
        {
            return;
        }

        logger.LogError("notify channel {Target}: {Bytes} bytes unread by the server (limit {Limit}) when queueing {Kind}; shutting the room down", target, QueuedBytes, maxQueuedBytes, message.Kind);
        outbox.Writer.TryComplete();
        _ = Task.Run(() => onLost());
    }

    /// <summary>The read/write/redial loop; complete once the channel has closed for good.</summary>
    internal Task Completion => loop;

    /// <summary>Writes what is queued (bounded wait), then closes the channel. Returns once the loop has ended.</summary>
    public async ValueTask DisposeAsync()
    {
        outbox.Writer.TryComplete();
        try
        {
            await loop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("notify channel {Target}: queued messages not written within 2 s of stop", target);
        }

        await closing.CancelAsync().ConfigureAwait(false);

        // Every wait in the loop honours `closing`, so it ends promptly now. It must have ended before the token source
        // and the socket go: a loop still redialling would read the disposed source (ObjectDisposedException on a task
        // nobody observes), put a fresh socket in place of the disposed one, or report the channel lost after the stop.
        await loop.ConfigureAwait(false);
        socket.Dispose();
        closing.Dispose();
    }

    private static async Task<Socket> DialAsync(NotifyTarget target, CancellationToken cancellationToken)
    {
        if (target.IsUnixSocket)
        {
            var uds = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await uds.ConnectAsync(new UnixDomainSocketEndPoint(target.SocketPath!), cancellationToken).ConfigureAwait(false);
                return uds;
            }
            catch
            {
                uds.Dispose();
                throw;
            }
        }

        var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(target.TcpHost!, target.TcpPort, cancellationToken).ConfigureAwait(false);

            // gatho's tcp channel: the first frame is a raw frame holding the token.
            var token = Encoding.UTF8.GetBytes(target.TcpToken);
            var frame = new byte[4 + token.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)token.Length);
            token.CopyTo(frame, 4);
            await tcp.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            return tcp;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
            var reader = ReadAsync(socket, connection.Token);
            var writer = WriteAsync(socket, connection.Token);
            var first = await Task.WhenAny(reader, writer).ConfigureAwait(false);
            if (first == writer && writer.Result)
            {
                // Every message written and the room is closing: done.
                return;
            }

            await connection.CancelAsync().ConfigureAwait(false);
            socket.Dispose();
            if (closing.IsCancellationRequested)
            {
                return;
            }

            logger.LogWarning("notify channel {Target} lost; redialling for up to {Grace}", target, redialGrace);
            var redialled = await RedialAsync().ConfigureAwait(false);
            if (closing.IsCancellationRequested)
            {
                // Closed while redialling: a stop, not a lost server.
                if (redialled)
                {
                    socket.Dispose();
                }

                return;
            }

            if (!redialled)
            {
                logger.LogError("notify channel {Target} not back within {Grace}: the server is gone, shutting the room down", target, redialGrace);
                outbox.Writer.TryComplete();
                await onLost().ConfigureAwait(false);
                return;
            }

            logger.LogInformation("notify channel {Target} redialled", target);
        }
    }

    private async Task<bool> RedialAsync()
    {
        var deadline = time.GetUtcNow() + redialGrace;
        try
        {
            while (time.GetUtcNow() < deadline)
            {
                try
                {
                    socket = await DialAsync(target, closing.Token).ConfigureAwait(false);
                    return true;
                }
                catch (SocketException)
                {
                    // Not back yet.
                }

                await Task.Delay(RedialDelay, time, closing.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // The room is closing the channel.
        }

        return false;
    }

    /// <summary>Writes queued frames; true when the queue completed (room closing) with everything written.</summary>
    private async Task<bool> WriteAsync(Socket current, CancellationToken cancellationToken)
    {
        try
        {
            var reader = outbox.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryPeek(out var frame))
                {
                    await current.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    reader.TryRead(out _);
                    Interlocked.Add(ref queuedBytes, -frame.Length);
                }
            }

            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Reads server commands until the socket ends (the server closed or died).</summary>
    private async Task ReadAsync(Socket current, CancellationToken cancellationToken)
    {
        try
        {
            await NotifyStream.ReadFramesAsync(current, MaxCommandBytes, OnFrameAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (GathoProtocolException e)
        {
            logger.LogWarning("notify channel {Target}: {Error}; reconnecting", target, e.Message);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection ended; RunAsync decides whether to redial.
        }
    }

    private async Task OnFrameAsync(ReadOnlyMemory<byte> payload)
    {
        if (RoomCommandCodec.TryDecode(payload.Span, out var command, out var error))
        {
            await onCommand(command!).ConfigureAwait(false);
        }
        else
        {
            logger.LogWarning("notify channel {Target}: ignoring malformed command: {Error}", target, error);
        }
    }
}
