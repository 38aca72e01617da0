using System.Net.Sockets;
using System.Text;

namespace Gatho.Room.Tests.Support;

/// <summary>
/// WebSocket upgrade requests written by hand over TCP, so a test sees the room's raw HTTP answer (status and body)
/// and can open connections that never upgrade, or upgrade and then send any bytes at all.
/// </summary>
internal static class RawHttp
{
    /// <summary>The upgrade request a browser sends for <paramref name="pathAndQuery"/>.</summary>
    public static byte[] UpgradeRequest(int port, string pathAndQuery) => Encoding.ASCII.GetBytes(
        $"GET {pathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

    /// <summary>Sends an upgrade request and reads the answer's status and body (101 has no body).</summary>
    public static async Task<(int Status, string Body)> UpgradeAsync(int port, string pathAndQuery)
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(WireClient.Patience);
        await tcp.ConnectAsync("127.0.0.1", port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(UpgradeRequest(port, pathAndQuery), timeout.Token);
        var (status, headers, rest) = await ReadHeadAsync(stream, timeout.Token);
        if (status == 101)
        {
            return (status, string.Empty);
        }

        var length = 0;
        foreach (var line in headers)
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new List<byte>(rest);
        var buffer = new byte[4096];
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            body.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        return (status, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>Reads an HTTP response head; returns the status, header lines and any bytes read past the head.</summary>
    public static async Task<(int Status, List<string> Headers, byte[] Leftover)> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("connection closed before the response head ended");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, lines.Skip(1).ToList(), Array.Empty<byte>());
    }
}
