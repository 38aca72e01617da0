namespace Gatho.Drivers.Model;

/// <summary>A request to hold a seat in a running room (what <c>IDriver.ReserveClientAsync</c> writes).</summary>
/// <param name="RoomId">The running room to join.</param>
/// <param name="Ttl">How long the seat stays valid if unused: positive whole milliseconds.</param>
/// <param name="DataJson">Join data for the room's <c>OnAuth</c>: a JSON object of at most 2048 bytes (default <c>{}</c>).</param>
/// <param name="Tags">Client tags: at most 512 bytes serialized (default none).</param>
public sealed record ClientReservationRequest(
    string RoomId,
    TimeSpan Ttl,
    string? DataJson = null,
    IReadOnlyDictionary<string, string>? Tags = null);
