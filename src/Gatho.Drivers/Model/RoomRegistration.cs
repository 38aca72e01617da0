namespace Gatho.Drivers.Model;

/// <summary>A request to place a new room on a server (what <c>IDriver.RegisterRoomAsync</c> writes).</summary>
/// <param name="RoomId">The new room's id; must not be in use.</param>
/// <param name="RoomType">The room type; the server is expected to support it.</param>
/// <param name="ServerId">The server that should run the room; must be registered.</param>
/// <param name="Ttl">
/// How long the record lives while still requested: positive whole milliseconds. Once the room is running the
/// record no longer expires.
/// </param>
/// <param name="DataJson">Creation data handed to the room's server: a JSON object (default <c>{}</c>).</param>
/// <param name="Tags">Room tags (default none).</param>
/// <param name="MaxClients">
/// The room's capacity: at most this many seats (connected clients plus live reservations) at once; null for no limit.
/// A reservation beyond it is refused with <see cref="Errors.RoomFullException"/>.
/// </param>
public sealed record RoomRegistration(
    string RoomId,
    string RoomType,
    string ServerId,
    TimeSpan Ttl,
    string? DataJson = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    int? MaxClients = null);
