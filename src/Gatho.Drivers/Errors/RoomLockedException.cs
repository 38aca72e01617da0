using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Errors;

/// <summary>The room locked itself: it takes no new seats (its clients stay). Nothing was written.</summary>
public sealed class RoomLockedException : GathoException
{
    /// <summary>Creates the error for <paramref name="roomId"/>.</summary>
    public RoomLockedException(string roomId)
        : base("room-locked", $"room {roomId} is locked")
    {
        RoomId = roomId;
    }

    /// <summary>The room that was asked for.</summary>
    public string RoomId { get; }
}
