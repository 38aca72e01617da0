namespace Gatho.Drivers.Model;

/// <summary>
/// A room as the driver records it: a snapshot, not a live view. It never carries the room's seat-signing secret, so
/// a listing can be logged or shown to an admin without handing out the power to mint seats; the secret reaches the
/// SDK only inside a <see cref="ClientReservation"/>.
/// </summary>
/// <param name="RoomId">The room's id (a UUID when the SDK created it).</param>
/// <param name="RoomType">The room type its server runs it as.</param>
/// <param name="ServerId">The server the room was placed on.</param>
/// <param name="Status">Requested or running.</param>
/// <param name="Endpoint">The client-facing ws/wss URL, once running.</param>
/// <param name="Clients">Reserved and connected clients (lapsed reservations excluded).</param>
/// <param name="DataJson">The room's creation data: a JSON object as compact text, <c>{}</c> when none was given.</param>
/// <param name="Tags">Room tags.</param>
/// <param name="CreatedAt">When the room was registered (the registering driver's clock).</param>
public sealed record RoomInfo(
    string RoomId,
    string RoomType,
    string ServerId,
    RoomStatus Status,
    string? Endpoint,
    IReadOnlyList<ClientInfo> Clients,
    string DataJson,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset CreatedAt)
{
    /// <summary>The room's capacity (connected clients plus live reservations), or null for no limit.</summary>
    public int? MaxClients { get; init; }

    /// <summary>
    /// True while the room is locked: join-or-create never chooses it and it refuses new seats; its clients stay (and
    /// may still resume).
    /// </summary>
    public bool Locked { get; init; }
}
