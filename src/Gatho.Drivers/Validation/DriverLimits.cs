using Gatho.Protocol.SeatTokens;

namespace Gatho.Drivers.Validation;

/// <summary>
/// Size limits every driver enforces before writing (UTF-8 bytes of the compact JSON, inclusive). Seat limits are
/// gatho's; the room and server limits are Gatho.NET's, chosen so a record stays small enough for a Redis hash field
/// or a PostgreSQL row and for the pushed assignment (PostgreSQL NOTIFY payloads stop at 8000 bytes, which is why
/// that driver sends ids only).
/// </summary>
public static class DriverLimits
{
    /// <summary>Join data of a seat: 2048 bytes (gatho's <c>RESERVE_DATA_MAX_BYTES</c>).</summary>
    public const int MaxJoinDataBytes = SeatLimits.MaxDataBytes;

    /// <summary>Client tags of a seat: 512 bytes (gatho's <c>RESERVE_TAGS_MAX_BYTES</c>).</summary>
    public const int MaxClientTagsBytes = SeatLimits.MaxTagsBytes;

    /// <summary>Room tags, after any merge: 512 bytes.</summary>
    public const int MaxRoomTagsBytes = 512;

    /// <summary>Server tags, after any merge: 512 bytes.</summary>
    public const int MaxServerTagsBytes = 512;

    /// <summary>Room creation data: 64 KiB.</summary>
    public const int MaxRoomDataBytes = 64 * 1024;

    /// <summary>Longest id (room, server, client) or room type: 128 characters.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Longest room endpoint or server endpoint URL: 2048 characters.</summary>
    public const int MaxEndpointLength = 2048;

    /// <summary>Largest room capacity (<c>MaxClients</c>): 100,000 seats.</summary>
    public const int MaxClientsLimit = 100_000;

    /// <summary>Longest TTL a driver accepts: 365 days (longer is almost certainly a unit mistake).</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(365);
}
