using Gatho.Drivers.Model;
using Gatho.Protocol.SeatTokens;
using Gatho.Protocol.Urls;

namespace Gatho.Sdk;

/// <summary>
/// Turns a reservation into a seat URL. Internal on purpose: the room secret arrives from the driver inside the
/// <see cref="ClientReservation"/> and leaves only as a signature, so no public SDK type or call ever holds it.
/// </summary>
internal static class SeatSigner
{
    /// <summary>Mints the single-use seat token for <paramref name="reservation"/> and builds its URL.</summary>
    public static Seat Sign(ClientReservation reservation)
    {
        var claims = new SeatClaims(
            reservation.RoomId,
            reservation.ClientId,
            reservation.ExpiresAt,
            tokenId: Guid.NewGuid().ToString("N"),
            reservation.DataJson,
            reservation.Tags,
            reservation.ReservedAt);
        var token = SeatTokenIssuer.Mint(claims, reservation.RoomSecret);
        return new Seat(reservation.ClientId, SeatUrl.Create(reservation.Endpoint, token), reservation.RoomId, reservation.ExpiresAt);
    }
}
