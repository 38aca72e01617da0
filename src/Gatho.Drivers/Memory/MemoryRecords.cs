using System.Collections.Immutable;
using Gatho.Drivers.Model;

namespace Gatho.Drivers.Memory;

// Mutable records behind the memory driver's lock. Tag sets are immutable so snapshots can share them.

internal sealed class ServerRecord(string serverId, ImmutableDictionary<string, string> tags)
{
    public string ServerId { get; } = serverId;

    public string Endpoint { get; set; } = string.Empty;

    public DateTimeOffset LastHeartbeat { get; set; }

    public ImmutableDictionary<string, string> Tags { get; set; } = tags;

    public ImmutableArray<string> RoomTypes { get; set; } = [];

    public HashSet<string> RoomIds { get; } = new(StringComparer.Ordinal);
}

internal sealed class RoomRecord(string roomId, string roomType, string serverId, long sequence)
{
    public string RoomId { get; } = roomId;

    public string RoomType { get; } = roomType;

    public string ServerId { get; } = serverId;

    /// <summary>Registration order: listings are oldest first even when the clock did not move between two rooms.</summary>
    public long Sequence { get; } = sequence;

    public RoomStatus Status { get; set; } = RoomStatus.Requested;

    public string? Endpoint { get; set; }

    public string? RoomSecret { get; set; }

    public string DataJson { get; set; } = "{}";

    public ImmutableDictionary<string, string> Tags { get; set; } = ImmutableDictionary<string, string>.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a requested room lapses; null once running.</summary>
    public DateTimeOffset? RequestedExpiresAt { get; set; }

    /// <summary>Seats (connected clients plus live reservations) the room holds at most; null for no limit.</summary>
    public int? MaxClients { get; init; }

    public bool Locked { get; set; }

    public bool HasFreeSeat => MaxClients is not { } max || ClientIds.Count < max;

    public HashSet<string> ClientIds { get; } = new(StringComparer.Ordinal);
}

internal sealed class ClientRecord(string clientId, string roomId)
{
    public string ClientId { get; } = clientId;

    public string RoomId { get; set; } = roomId;

    public ClientStatus Status { get; set; }

    public ImmutableDictionary<string, string> Tags { get; set; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>When a reservation lapses; null once connected.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? ConnectedAt { get; set; }
}
