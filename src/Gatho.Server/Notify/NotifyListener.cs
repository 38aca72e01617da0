using System.Net.Sockets;
using Gatho.Protocol.Errors;
using Gatho.Protocol.Notify;
using Microsoft.Extensions.Logging;

namespace Gatho.Server.Notify;

/// <summary>
/// The server's end of one room's notify channel (DESIGN D7): a Unix domain socket at
/// <c>&lt;socketDir&gt;/&lt;roomId&gt;/sock</c> in a directory only this user can enter (0700), one connection at a time
/// (a second concurrent one is refused; after a drop the room may redial), frames bounded in size. Every message is
/// attributed to the room this listener was opened for — the room id inside a message is never trusted (gatho gap 12).
/// </summary>
internal sealed class NotifyListener : IAsyncDisposable
{
    // Linux sun_path holds 108 bytes including the terminating NUL.
    private const int MaxSocketPathBytes = 107;

    private readonly Socket listener;
    private readonly Func<NotifyMessage, Task> onMessage;
    private readonly int maxFrameBytes;
    private readonly ILogger logger;
    private readonly CancellationTokenSource closing = new();
    private readonly object gate = new();
    private Socket? active;
    private Task activeReader = Task.CompletedTask;
    private Task acceptLoop = Task.CompletedTask;

    private NotifyListener(string roomId, string directory, string socketPath, Socket listener, Func<NotifyMessage, Task> onMessage, int maxFrameBytes, ILogger logger)
    {
        RoomId = roomId;
        Directory = directory;
        SocketPath = socketPath;
        this.listener = listener;
        this.onMessage = onMessage;
        this.maxFrameBytes = maxFrameBytes;
        this.logger = logger;
    }

    public string RoomId { get; }

    public string Directory { get; }

    public string SocketPath { get; }

    /// <summary>True while a room is connected.</summary>
    public bool IsConnected
    {
        get
        {
            lock (gate)
            {
                return active is not null;
            }
        }
    }

    /// <summary>
    /// Creates the room's directory (0700) and socket and starts accepting; see <see cref="PrivateSocketDirectory"/>
    /// for what is checked before and after the bind.
    /// </summary>
    /// <exception cref="ArgumentException">The room id cannot name a directory, or the socket path is too long.</exception>
    /// <exception cref="ServerConfigurationException">The socket directory or the room's directory is not private to this user.</exception>
    public static NotifyListener Open(string socketDirectory, string roomId, Func<NotifyMessage, Task> onMessage, int maxFrameBytes, ILogger logger)
    {
        var path = SocketPathFor(socketDirectory, roomId);
        var directory = Path.GetDirectoryName(path)!;
        PrivateSocketDirectory.EnsureRoot(socketDirectory);
        var created = PrivateSocketDirectory.CreateRoomDirectory(directory);

        // A stale socket file from a previous run would make bind fail.
        File.Delete(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            PrivateSocketDirectory.VerifyBound(directory, created, path);
            socket.Listen(4);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var notify = new NotifyListener(roomId, directory, path, socket, onMessage, maxFrameBytes, logger);
        notify.acceptLoop = notify.AcceptAsync();
        return notify;
    }

    /// <summary>
    /// <c>&lt;socketDir&gt;/&lt;roomId&gt;/sock</c>. Ids that would escape the directory (<c>/</c>, <c>\</c>, <c>.</c>,
    /// <c>..</c>) are refused, and so are paths too long for a Unix socket.
    /// </summary>
    public static string SocketPathFor(string socketDirectory, string roomId)
    {
        if (string.IsNullOrEmpty(roomId) || roomId is "." or ".." || roomId.IndexOfAny(new[] { '/', '\\', '\0' }) >= 0)
        {
            throw new ArgumentException($"room id \"{roomId}\" cannot name a socket directory", nameof(roomId));
        }

        var path = Path.Combine(Path.GetFullPath(socketDirectory), roomId, "sock");
        if (System.Text.Encoding.UTF8.GetByteCount(path) > MaxSocketPathBytes)
        {
            throw new ArgumentException($"notify socket path \"{path}\" is over {MaxSocketPathBytes} bytes; choose a shorter socket directory", nameof(socketDirectory));
        }

        return path;
    }

    /// <summary>
    /// Waits (at most <paramref name="timeout"/>) until the connected room's messages have all been handled: the read loop
    /// reached the end of the connection. Once a room process has exited its end is closed, so this returns as soon as
    /// the frames it wrote before exiting — <c>stopped</c>, a last <c>client-disconnected</c> — are processed.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        Task reader;
        lock (gate)
        {
            reader = activeReader;
        }

        try
        {
            await reader.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("room {RoomId}: notify connection still open {Timeout} after the room exited", RoomId, timeout);
        }
    }

    /// <summary>Sends a command to the connected room; false when no room is connected.</summary>
    public async Task<bool> SendAsync(RoomCommand command)
    {
        Socket? socket;
        lock (gate)
        {
            socket = active;
        }

        if (socket is null)
        {
            return false;
        }

        try
        {
            await socket.SendAsync(RoomCommandCodec.EncodeFrame(command), SocketFlags.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Stops listening, drops the connection, removes the socket file and the room's directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync().ConfigureAwait(false);
        listener.Dispose();
        lock (gate)
        {
            active?.Dispose();
        }

        try
        {
            await acceptLoop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        try
        {
            File.Delete(SocketPath);
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning("room {RoomId}: could not remove notify directory {Directory}: {Error}", RoomId, Directory, e.Message);
        }

        closing.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!closing.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(closing.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            lock (gate)
            {
                if (active is not null)
                {
                    logger.LogWarning("room {RoomId}: refused a second concurrent notify connection", RoomId);
                    connection.Dispose();
                    continue;
                }

                active = connection;
                activeReader = ReadAsync(connection);
            }
        }
    }

    private async Task ReadAsync(Socket connection)
    {
        try
        {
            await NotifyStream.ReadFramesAsync(connection, maxFrameBytes, OnFrameAsync, closing.Token).ConfigureAwait(false);
        }
        catch (GathoProtocolException e)
        {
            logger.LogWarning("room {RoomId}: closing notify connection: {Error}", RoomId, e.Message);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            lock (gate)
            {
                if (ReferenceEquals(active, connection))
                {
                    active = null;
                }
            }

            connection.Dispose();
        }
    }

    private async Task OnFrameAsync(ReadOnlyMemory<byte> payload)
    {
        if (NotifyCodec.TryDecode(payload.Span, out var message, out var error))
        {
            await onMessage(message!).ConfigureAwait(false);
        }
        else
        {
            logger.LogWarning("room {RoomId}: dropped a malformed notify frame: {Error}", RoomId, error);
        }
    }
}
