using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;
using Microsoft.Extensions.Logging;

namespace Gatho.Sdk;

// Seats: reserve a client in the driver and mint its single-use seat URL.
public sealed partial class GathoSdk
{
    /// <summary>
    /// Reserves a seat in a running room and returns its URL: the room endpoint with a seat token (HS256 JWT signed
    /// with the room's secret; claims roomId, clientId, exp and iat in seconds, a unique jti, the join data and the
    /// client tags). Everything is validated before anything is written.
    /// </summary>
    /// <param name="roomId">A running room.</param>
    /// <param name="ttl">How long the seat stays valid (default <see cref="DefaultSeatTtl"/>): positive whole milliseconds.</param>
    /// <param name="dataJson">Join data for the room's <c>OnAuth</c>: a JSON object of at most 2048 bytes (default <c>{}</c>).</param>
    /// <param name="tags">Client tags: at most 512 bytes serialized.</param>
    /// <param name="cancellationToken">Cancels the reservation.</param>
    /// <exception cref="Drivers.Errors.RoomNotFoundException">No such room.</exception>
    /// <exception cref="Drivers.Errors.RoomNotRunningException">The room is not running yet.</exception>
    /// <exception cref="Drivers.Errors.RoomFullException">Every seat is taken (names the room and its capacity); no token was minted.</exception>
    /// <exception cref="Drivers.Errors.RoomLockedException">The room locked itself; no token was minted.</exception>
    /// <exception cref="Protocol.Errors.InvalidTagException">A client tag breaks the tag rules.</exception>
    /// <exception cref="Protocol.Errors.PayloadTooLargeException">Join data over 2048 bytes or tags over 512 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The TTL is not a positive whole number of milliseconds.</exception>
    /// <exception cref="ArgumentException">The join data is not a JSON object.</exception>
    public async Task<Seat> JoinAsync(
        string roomId,
        TimeSpan? ttl = null,
        string? dataJson = null,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        // Checked here as well as in the driver, so no driver implementation can end up holding a seat for a token
        // that could not be minted.
        DriverArguments.Id(roomId, nameof(roomId));
        var seatTtl = DriverArguments.Ttl(ttl ?? DefaultSeatTtl, nameof(ttl));
        var data = DriverPayloads.JsonObject(dataJson, DriverLimits.MaxJoinDataBytes, nameof(dataJson));
        var clientTags = DriverPayloads.TagSet(tags, DriverLimits.MaxClientTagsBytes);

        var reservation = await Driver.ReserveClientAsync(new ClientReservationRequest(roomId, seatTtl, data, clientTags), cancellationToken).ConfigureAwait(false);
        try
        {
            return SeatSigner.Sign(reservation);
        }
        catch (Exception e)
        {
            // Cannot happen with validated input and a driver that validates endpoints; if it does, do not leave a
            // seat held for a token nobody received.
            logger.LogError(e, "minting the seat token for client {ClientId} in room {RoomId} failed; releasing the reservation", reservation.ClientId, roomId);
            await ReleaseBestEffortAsync(reservation.ClientId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task ReleaseBestEffortAsync(string clientId)
    {
        try
        {
            await Driver.DisconnectClientAsync(clientId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "could not release reservation {ClientId}; it lapses at its TTL", clientId);
        }
    }
}
