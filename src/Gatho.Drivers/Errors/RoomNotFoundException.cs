using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Errors;

/// <summary>No room with this id is recorded in the driver (never created, destroyed, failed, or its request lapsed).</summary>
public sealed class RoomNotFoundException : GathoException
{
    /// <summary>Creates the error for <paramref name="roomId"/>.</summary>
    public RoomNotFoundException(string roomId)
        : base("room-not-found", $"room {roomId} not found")
    {
        RoomId = roomId;
    }

    /// <summary>The room that was looked for.</summary>
    public string RoomId { get; }
}
