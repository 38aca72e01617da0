using System.Net.Sockets;

namespace Gatho.Protocol.Notify;

/// <summary>The read loop both ends of a notify channel run: socket bytes in, complete frame payloads out.</summary>
public static class NotifyStream
{
    /// <summary>
    /// Reads <paramref name="socket"/> until the peer closes it, handing each complete payload to
    /// <paramref name="onFrame"/> in order; each call is awaited before more is read, so frames are handled one at a time.
    /// </summary>
    /// <exception cref="Errors.GathoProtocolException">A frame is over <paramref name="maxFrameBytes"/>.</exception>
    /// <exception cref="SocketException">The connection failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task ReadFramesAsync(Socket socket, int maxFrameBytes, Func<ReadOnlyMemory<byte>, Task> onFrame, CancellationToken cancellationToken)
    {
        if (socket is null)
        {
            throw new ArgumentNullException(nameof(socket));
        }

        if (onFrame is null)
        {
            throw new ArgumentNullException(nameof(onFrame));
        }

        var parser = new NotifyFrameParser(maxFrameBytes);
        var buffer = new byte[8192];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            parser.Append(buffer.AsSpan(0, read));
            while (parser.TryReadFrame(out var payload))
            {
                await onFrame(payload).ConfigureAwait(false);
            }
        }
    }
}
