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

    public static GathoClientOptions Options(int version = ProtocolVersions.V2, ReconnectionPolicy? reconnection = null, long maxBufferedBytes = 1024 * 1024, TimeSpan? handshakeTimeout = null, StallDetection stalls = StallDetection.Slow) => new()
    {
        ProtocolVersion = version,
        Reconnection = reconnection ?? FastReconnect(),
        MaxBufferedBytes = maxBufferedBytes,
        HandshakeTimeout = handshakeTimeout ?? TimeSpan.FromSeconds(5),
        CloseTimeout = TimeSpan.FromSeconds(2),
        Acks = stalls == StallDetection.RoomAckTimeout ? new AckPolicy { RoomAckTimeout = TimeSpan.FromSeconds(3) } : AckPolicy.Default,
        Transport = new WebSocketTransport
        {
            // A short pong deadline notices a stalled path in about a second, but on a loaded machine it also drops
            // healthy connections, so only the stall tests ask for it; the others allow a slow pong.
            KeepAliveInterval = TimeSpan.FromMilliseconds(500),
            KeepAliveTimeout = stalls switch
            {
                StallDetection.PingTimeout => TimeSpan.FromMilliseconds(700),
                StallDetection.RoomAckTimeout => Timeout.InfiniteTimeSpan, // no ping deadline, as on netstandard2.1
                _ => TimeSpan.FromSeconds(10),
            },
        },
    };

    public static (GathoClient Client, ClientProbe Probe) Create(string seatUrl, GathoClientOptions? options = null)
    {
        var client = new GathoClient(seatUrl, options ?? Options());
        return (client, new ClientProbe(client));
    }
}

/// <summary>What notices a stalled path in a test client.</summary>
public enum StallDetection
{
    /// <summary>Generous deadlines (10 s), so a loaded machine never drops a healthy connection.</summary>
    Slow,

    /// <summary>The WebSocket ping deadline, 700 ms (.NET 9+).</summary>
    PingTimeout,

    /// <summary>No ping deadline (as on netstandard2.1); the room's acks must come within 3 s.</summary>
    RoomAckTimeout,
}
