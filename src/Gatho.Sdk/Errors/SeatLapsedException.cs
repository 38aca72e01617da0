using Gatho.Protocol.Errors;

namespace Gatho.Sdk.Errors;

/// <summary>
/// A seat held in a room that was still starting was gone when the room came up (it lapsed, or the room's clients
/// were removed), so no seat token was minted. Retrying the join-or-create is safe.
/// </summary>
public sealed class SeatLapsedException : GathoException
{
    /// <summary>Creates the error for client <paramref name="clientId"/> in <paramref name="roomId"/>.</summary>
    public SeatLapsedException(string roomId, string clientId)
        : base("seat-lapsed", $"the seat of client {clientId} in room {roomId} lapsed before the room was running")
    {
        RoomId = roomId;
        ClientId = clientId;
    }

    /// <summary>The room the seat was in.</summary>
    public string RoomId { get; }

    /// <summary>The seat's client id.</summary>
    public string ClientId { get; }
}
