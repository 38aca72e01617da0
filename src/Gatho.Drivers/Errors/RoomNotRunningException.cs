using Gatho.Drivers.Model;
using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Errors;

/// <summary>
/// The room exists but cannot take clients yet: it is still <see cref="RoomStatus.Requested"/>, or it has no endpoint
/// or secret to mint a seat with.
/// </summary>
public sealed class RoomNotRunningException : GathoException
{
    /// <summary>Creates the error for <paramref name="roomId"/>, currently in <paramref name="status"/>.</summary>
    public RoomNotRunningException(string roomId, RoomStatus status)
        : base("room-not-running", $"room {roomId} is not running (status {status.ToString().ToLowerInvariant()})")
    {
        RoomId = roomId;
        Status = status;
    }

    /// <summary>The room that was asked for.</summary>
    public string RoomId { get; }

    /// <summary>The room's status when the request was refused.</summary>
    public RoomStatus Status { get; }
}
