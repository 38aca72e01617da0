using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Errors;

/// <summary>
/// A room signalled that it was ready, but its record was gone when read (it was destroyed or failed in between), so
/// there is no endpoint to hand to the caller.
/// </summary>
public sealed class RoomStartException : GathoException
{
    /// <summary>Creates the error for <paramref name="roomId"/>.</summary>
    public RoomStartException(string roomId)
        : base("room-start-failed", $"room {roomId} signalled ready but its record is gone")
    {
        RoomId = roomId;
    }

    /// <summary>The room that was waited for.</summary>
    public string RoomId { get; }
}
