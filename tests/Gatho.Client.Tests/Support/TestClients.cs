using Gatho.Client.Transport;
using Gatho.Protocol;

namespace Gatho.Client.Tests.Support;

/// <summary>Client options for tests against real rooms: gatho's shape with short delays so runs stay quick.</summary>
internal static class TestClients
{
    public static ReconnectionPolicy FastReconnect(int maxAttempts = 10) => new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        MaxAttempts = maxAttempts,
    };

    public static GathoClientOptions Options(int version = ProtocolVersions.V2, ReconnectionPolicy? reconnection = null, long maxBufferedBytes = 1024 * 1024, TimeSpan? handshakeTimeout = null) => new()
    {
        ProtocolVersion = version,
        Reconnection = reconnection ?? FastReconnect(),
        MaxBufferedBytes = maxBufferedBytes,
        HandshakeTimeout = handshakeTimeout ?? TimeSpan.FromSeconds(5),
        CloseTimeout = TimeSpan.FromSeconds(2),
        Transport = new WebSocketTransport
        {
            // Short keep-alive so a stalled path is noticed in about a second.
            KeepAliveInterval = TimeSpan.FromMilliseconds(500),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(700),
        },
    };

    public static (GathoClient Client, ClientProbe Probe) Create(string seatUrl, GathoClientOptions? options = null)
    {
        var client = new GathoClient(seatUrl, options ?? Options());
        return (client, new ClientProbe(client));
    }
}
