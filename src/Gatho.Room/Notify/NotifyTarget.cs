using System.Globalization;
using Gatho.Protocol.Urls;
using Gatho.Room.Hosting;

namespace Gatho.Room.Notify;

/// <summary>
/// Where a room dials its server, parsed from <c>GATHO_NOTIFY_SOCKET</c> as gatho does: <c>uds:&lt;path&gt;</c> or a bare
/// path is a Unix domain socket; <c>tcp://host:port?token=…</c> is loopback TCP whose first frame is the token.
/// </summary>
internal sealed record NotifyTarget(string? SocketPath, string? TcpHost, int TcpPort, string TcpToken)
{
    public bool IsUnixSocket => SocketPath is not null;

    public static NotifyTarget Parse(string value)
    {
        if (value.StartsWith("uds:", StringComparison.Ordinal))
        {
            var path = value.Substring(4);
            return path.Length > 0 ? new NotifyTarget(path, null, 0, string.Empty) : throw new RoomConfigurationException("notify target \"uds:\" has no path");
        }

        if (value.StartsWith("tcp://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.IsDefaultPort || uri.Port <= 0)
            {
                throw new RoomConfigurationException($"notify target \"{value}\": invalid tcp port");
            }

            var token = QueryString.Get(uri.Query, "token") ?? string.Empty;
            return new NotifyTarget(null, uri.Host, uri.Port, token);
        }

        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            throw new RoomConfigurationException($"notify target \"{value}\": unsupported uri scheme \"{value.Substring(0, scheme)}\"");
        }

        return new NotifyTarget(value, null, 0, string.Empty);
    }

    public override string ToString() => IsUnixSocket ? "uds:" + SocketPath : $"tcp://{TcpHost}:{TcpPort.ToString(CultureInfo.InvariantCulture)}";
}
