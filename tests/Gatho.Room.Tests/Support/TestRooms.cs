using Gatho.Protocol.SeatTokens;
using Gatho.Protocol.Urls;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Tests.Support;

/// <summary>Starting real rooms (Kestrel on loopback) and minting seats for them.</summary>
internal static class TestRooms
{
    public const string Secret = "test-room-secret-0123456789abcdef0123456789a";

    public static ILoggerFactory Logging { get; } = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));

    public static RoomOptions Standalone(int maxBufferBytes = 1024 * 1024, int maxMessageBytes = 1024 * 1024) => new()
    {
        Standalone = true,
        Host = "127.0.0.1",
        StopOnProcessSignals = false,
        MaxBufferBytes = maxBufferBytes,
        MaxMessageBytes = maxMessageBytes,
        LoggerFactory = Logging,
        Environment = new Dictionary<string, string?>(),
    };

    public static RoomOptions Managed(string roomId = "room-1", string? notify = null) => new()
    {
        RoomId = roomId,
        RoomType = "test",
        ServerId = "server-1",
        RoomSecret = Secret,
        NotifySocket = notify,
        Host = "127.0.0.1",
        StopOnProcessSignals = false,
        LoggerFactory = Logging,
        Environment = new Dictionary<string, string?>(),
    };

    public static Task<RoomHost> StartAsync(RoomOptions options, IRoomBehavior behavior) => RoomHost.StartAsync(options, behavior);

    /// <summary>A seat URL for <paramref name="clientId"/> in a managed room.</summary>
    public static string Seat(RoomHost host, string clientId, string? dataJson = null, TimeSpan? ttl = null, string? tokenId = null, string roomId = "room-1", string secret = Secret)
    {
        var claims = new SeatClaims(roomId, clientId, DateTimeOffset.UtcNow + (ttl ?? TimeSpan.FromMinutes(1)), tokenId ?? Guid.NewGuid().ToString("N"), dataJson);
        return SeatUrl.Create(host.Url, SeatTokenIssuer.Mint(claims, secret));
    }

    /// <summary>The URL a client dials first: the seat plus <c>gv</c>.</summary>
    public static string Connect(string seatUrl, int version = 2) => SeatUrl.ForConnect(seatUrl, version);
}
