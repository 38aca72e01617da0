using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Errors;

/// <summary>
/// A room failed to start: its server reported a failure (spawn error, crash, startup timeout) or its record vanished
/// while the caller was waiting for it.
/// </summary>
public sealed class RoomFailedException : GathoException
{
    /// <summary>The reason used when a waited-for room's record disappears after it was registered.</summary>
    public const string RecordRemovedReason = "room record removed";

    /// <summary>Creates the error for <paramref name="roomId"/> with the server's <paramref name="reason"/>.</summary>
    public RoomFailedException(string roomId, string reason)
        : base("room-failed", $"room {roomId} failed to start: {reason}")
    {
        RoomId = roomId;
        Reason = reason;
    }

    /// <summary>The room that failed.</summary>
    public string RoomId { get; }

    /// <summary>Why it failed, as reported by its server.</summary>
    public string Reason { get; }
}
