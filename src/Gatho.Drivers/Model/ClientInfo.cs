namespace Gatho.Drivers.Model;

/// <summary>A client of a room as the driver records it.</summary>
/// <param name="ClientId">The client's id inside its room (the seat token's <c>clientId</c>).</param>
/// <param name="Status">Reserved (seat minted) or connected (the room reported it).</param>
/// <param name="Tags">Client tags from the seat, opaque to room code.</param>
/// <param name="ConnectedAt">When the room reported the connection; null while reserved.</param>
public sealed record ClientInfo(
    string ClientId,
    ClientStatus Status,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset? ConnectedAt);
