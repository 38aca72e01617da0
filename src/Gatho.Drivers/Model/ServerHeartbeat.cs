namespace Gatho.Drivers.Model;

/// <summary>What a server reports on every heartbeat (which is also how it registers).</summary>
/// <param name="ServerId">The server's id.</param>
/// <param name="Endpoint">The server's HTTP URL; a newly inserted server evicts any other server with the same endpoint.</param>
/// <param name="Tags">Initial tags: written only when the record is first created, ignored afterwards.</param>
/// <param name="RoomTypes">The room types it can run (replaced on every heartbeat).</param>
public sealed record ServerHeartbeat(
    string ServerId,
    string Endpoint,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> RoomTypes);
