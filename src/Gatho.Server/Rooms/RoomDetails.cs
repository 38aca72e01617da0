namespace Gatho.Server.Rooms;

/// <summary>Where a room this server runs is in its life.</summary>
public enum RoomProcessStatus
{
    /// <summary>Started, not yet reported ready.</summary>
    Starting,

    /// <summary>Listening and recorded as running in the driver.</summary>
    Ready,

    /// <summary>Exited or being stopped.</summary>
    Stopped,
}

/// <summary>What the server knows about one of its rooms.</summary>
/// <param name="RoomId">The room's id.</param>
/// <param name="RoomType">The room's type.</param>
/// <param name="Endpoint">The client-facing URL once ready.</param>
/// <param name="Status">Starting, ready or stopped.</param>
/// <param name="LastHeartbeatAt">When the room last spoke on its notify channel.</param>
/// <param name="LiveClients">Clients with a live socket in the room's last heartbeat.</param>
public sealed record RoomDetails(string RoomId, string RoomType, string? Endpoint, RoomProcessStatus Status, DateTimeOffset? LastHeartbeatAt, int LiveClients);
