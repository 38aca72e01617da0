namespace Gatho.Drivers.Model;

/// <summary>A server as the driver records it: a snapshot, not a live view.</summary>
/// <param name="ServerId">The server's id (a new UUID per process start).</param>
/// <param name="Endpoint">The server's own HTTP URL (health and ping); also its identity across restarts.</param>
/// <param name="LastHeartbeat">When the driver last took a heartbeat from it.</param>
/// <param name="Rooms">Every room placed on it, requested and running.</param>
/// <param name="Tags">Server tags.</param>
/// <param name="RoomTypes">The room types it can run.</param>
public sealed record ServerInfo(
    string ServerId,
    string Endpoint,
    DateTimeOffset LastHeartbeat,
    IReadOnlyList<RoomInfo> Rooms,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> RoomTypes);
