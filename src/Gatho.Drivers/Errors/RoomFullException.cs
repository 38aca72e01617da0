using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Errors;

/// <summary>
/// Every seat of the room is taken (connected clients plus live reservations reach its capacity); nothing was written
/// and no seat token was minted.
/// </summary>
public sealed class RoomFullException : GathoException
{
    /// <summary>Creates the error for <paramref name="roomId"/> with <paramref name="maxClients"/> seats.</summary>
    public RoomFullException(string roomId, int maxClients)
        : base("room-full", $"room {roomId} is full (capacity {maxClients})")
    {
        RoomId = roomId;
        MaxClients = maxClients;
    }

    /// <summary>The room that was asked for.</summary>
    public string RoomId { get; }

    /// <summary>The room's capacity.</summary>
    public int MaxClients { get; }
}
