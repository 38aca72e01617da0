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

    public static GathoClientOptions Options(int version = ProtocolVersions.V2, ReconnectionPolicy? reconnection = null, long maxBufferedBytes = 1024 * 1024, TimeSpan? handshakeTimeout = null, bool quickStallDetection = false) => new()
    {
        ProtocolVersion = version,
        Reconnection = reconnection ?? FastReconnect(),
        MaxBufferedBytes = maxBufferedBytes,
        HandshakeTimeout = handshakeTimeout ?? TimeSpan.FromSeconds(5),
        CloseTimeout = TimeSpan.FromSeconds(2),
        Transport = new WebSocketTransport
        {
            // A short pong deadline notices a stalled path in about a second, but on a loaded machine it also drops
            // healthy connections, so only the stall tests ask for it; the others allow a slow pong.
            KeepAliveInterval = TimeSpan.FromMilliseconds(500),
            KeepAliveTimeout = quickStallDetection ? TimeSpan.FromMilliseconds(700) : TimeSpan.FromSeconds(10),
        },
    };

    public static (GathoClient Client, ClientProbe Probe) Create(string seatUrl, GathoClientOptions? options = null)
    {
        var client = new GathoClient(seatUrl, options ?? Options());
        return (client, new ClientProbe(client));
    }
}
