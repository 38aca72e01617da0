using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Errors;

/// <summary>
/// A room was registered with an id that is already recorded. gatho silently overwrote the record (and with it a
/// running room's endpoint and secret); Gatho.NET refuses instead, so a duplicate id can never hijack a live room.
/// </summary>
public sealed class RoomExistsException : GathoException
{
    /// <summary>Creates the error for <paramref name="roomId"/>.</summary>
    public RoomExistsException(string roomId)
        : base("room-exists", $"room {roomId} already exists")
    {
        RoomId = roomId;
    }

    /// <summary>The id that is already taken.</summary>
    public string RoomId { get; }
}
