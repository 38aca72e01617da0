using Gatho.Drivers.Model;

namespace Gatho.Drivers.Redis;

// Matchmaking (issue 12): the contract landed first; this driver implements it in the next commit.
public sealed partial class RedisDriver
{
    /// <inheritdoc />
    public Task<MatchedSeat> JoinOrCreateAsync(JoinOrCreateRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("join-or-create is not implemented by this driver yet (issue 12)");

    /// <inheritdoc />
    public Task<ClientReservation?> GetReservationAsync(string clientId, string? dataJson = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("seat reservations of requested rooms are not implemented by this driver yet (issue 12)");

    /// <inheritdoc />
    public Task SetRoomLockedAsync(string roomId, bool locked, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("room locks are not implemented by this driver yet (issue 12)");
}
