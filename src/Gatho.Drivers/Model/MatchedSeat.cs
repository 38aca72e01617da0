namespace Gatho.Drivers.Model;

/// <summary>A seat <c>IDriver.JoinOrCreateAsync</c> holds.</summary>
/// <param name="RoomId">The room the seat is in.</param>
/// <param name="ClientId">The new client's id (UUID v4).</param>
/// <param name="Created">True when this call registered the room (it is then requested, not yet running).</param>
/// <param name="ExpiresAt">When the seat lapses unless the client connects.</param>
/// <param name="Reservation">
/// What a seat token needs, when the room was already running; null while it is requested: wait for it to run, then
/// ask <c>IDriver.GetReservationAsync</c>.
/// </param>
public sealed record MatchedSeat(string RoomId, string ClientId, bool Created, DateTimeOffset ExpiresAt, ClientReservation? Reservation);
