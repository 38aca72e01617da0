namespace Gatho.Drivers.Model;

/// <summary>What the driver answers to a heartbeat.</summary>
/// <param name="Tags">The server's tags as stored (tags added through the SDK show up here).</param>
/// <param name="DesiredRooms">Every room whose record names this server: the authoritative set it should run.</param>
/// <param name="Registered">
/// True when this heartbeat created the record: the first heartbeat, or the first after the server was reaped or
/// unregistered (so a live server can re-assert its rooms).
/// </param>
public sealed record HeartbeatResult(
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<DesiredRoom> DesiredRooms,
    bool Registered);
