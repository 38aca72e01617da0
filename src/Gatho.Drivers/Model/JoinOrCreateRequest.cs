namespace Gatho.Drivers.Model;

/// <summary>
/// What <c>IDriver.JoinOrCreateAsync</c> does in one atomic step: reserve a seat in an existing room that matches, or
/// register <see cref="NewRoom"/> and reserve the seat in it.
/// </summary>
/// <param name="NewRoom">
/// The room to register when none matches. Its <see cref="RoomRegistration.RoomType"/> is the type searched for, its
/// <see cref="RoomRegistration.MaxClients"/> (required) its capacity; <see cref="TagsEqual"/> is merged into its tags,
/// so the next matching call finds it.
/// </param>
/// <param name="TagsEqual">Only rooms that have every one of these tags with exactly this value (default: any).</param>
/// <param name="SeatTtl">How long the seat stays valid if unused: positive whole milliseconds.</param>
/// <param name="ClientTags">Client tags: at most 512 bytes serialized (default none).</param>
/// <param name="JoinDataJson">Join data for the room's <c>OnAuth</c>, carried into the reservation (not stored): a JSON object of at most 2048 bytes.</param>
/// <remarks>
/// Candidates: rooms of the type, requested or running, on a live server, not locked, with a free seat. The rule:
/// <b>fullest first</b> (most seats taken), then oldest — so matches fill before a second room is started.
/// </remarks>
public sealed record JoinOrCreateRequest(
    RoomRegistration NewRoom,
    TimeSpan SeatTtl,
    IReadOnlyDictionary<string, string>? TagsEqual = null,
    IReadOnlyDictionary<string, string>? ClientTags = null,
    string? JoinDataJson = null);
