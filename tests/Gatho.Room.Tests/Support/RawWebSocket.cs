using System.Buffers.Binary;
using System.Net.Sockets;

namespace Gatho.Room.Tests.Support;

/// <summary>
/// A WebSocket client that writes frames byte by byte (RFC 6455 §5), so a test can send what no well-behaved client
/// would: text opcodes, fragments, reserved opcodes; and a client that never reads what the room sends.
/// </summary>
internal sealed class RawWebSocket : IDisposable
{
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;
    private readonly Random random;

    private RawWebSocket(TcpClient tcp, Random random)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
        this.random = random;
    }

    public Stream Stream => stream;

    /// <summary>Upgrades (expects 101); the socket's receive buffer is kept small so a non-reading test client backs up fast.</summary>
    public static async Task<RawWebSocket> ConnectAsync(int port, string pathAndQuery, Random? random = null, int receiveBuffer = 0)
    {
        var tcp = new TcpClient();
        if (receiveBuffer > 0)
        {
            tcp.ReceiveBufferSize = receiveBuffer;
        }

        using var timeout = new CancellationTokenSource(WireClient.Patience);
        await tcp.ConnectAsync("127.0.0.1", port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(RawHttp.UpgradeRequest(port, pathAndQuery), timeout.Token);
        var (status, _, _) = await RawHttp.ReadHeadAsync(stream, timeout.Token);
        if (status != 101)
        {
            tcp.Dispose();
            throw new InvalidOperationException($"upgrade refused with {status}");
        }

        return new RawWebSocket(tcp, random ?? new Random(1));
    }

    /// <summary>Writes one masked frame (binary opcode 2, final, unless told otherwise).</summary>
    public Task SendAsync(ReadOnlyMemory<byte> payload, int opcode = 2, bool fin = true, CancellationToken cancellationToken = default) =>
        stream.WriteAsync(Encode(payload.Span, opcode, fin), cancellationToken).AsTask();

    /// <summary>A masked client frame (RFC 6455 §5.2).</summary>
    public byte[] Encode(ReadOnlySpan<byte> payload, int opcode = 2, bool fin = true)
    {
        var headerLength = 2 + (payload.Length < 126 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8) + 4;
        var frame = new byte[headerLength + payload.Length];
        frame[0] = (byte)((fin ? 0x80 : 0) | (opcode & 0x0F));
        var at = 2;
        if (payload.Length < 126)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
            at = 4;
        }
        else
        {
            frame[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
            at = 10;
        }

        Span<byte> mask = stackalloc byte[4];
        random.NextBytes(mask);
        mask.CopyTo(frame.AsSpan(at));
        at += 4;
        for (var i = 0; i < payload.Length; i++)
        {
            frame[at + i] = (byte)(payload[i] ^ mask[i & 3]);
        }

        return frame;
    }

    /// <summary>Reads one (unmasked, server) frame: its opcode and payload; a close frame's payload is code + reason.</summary>
    public async Task<(int Opcode, byte[] Payload)> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var head = new byte[2];
        await stream.ReadExactlyAsync(head, cancellationToken);
        long length = head[1] & 0x7F;
        if (length == 126)
        {
            var extended = new byte[2];
            await stream.ReadExactlyAsync(extended, cancellationToken);
            length = BinaryPrimitives.ReadUInt16BigEndian(extended);
        }
        else if (length == 127)
        {
            var extended = new byte[8];
            await stream.ReadExactlyAsync(extended, cancellationToken);
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        return (head[0] & 0x0F, payload);
    }

    /// <summary>Reads frames until the room's close frame; returns its code and reason.</summary>
    public async Task<(int Code, string Reason)> ReadUntilCloseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (opcode, payload) = await ReadFrameAsync(cancellationToken);
            if (opcode == 8)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(payload), System.Text.Encoding.UTF8.GetString(payload, 2, payload.Length - 2));
            }
        }
    }

    public void Dispose() => tcp.Dispose();
}
