using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;
using Gatho.Sdk.Errors;
using Gatho.Sdk.Matchmaking;
using Gatho.Sdk.Placement;
using Microsoft.Extensions.Logging;

namespace Gatho.Sdk;

// Matchmaking: join-or-create and room locks.
public sealed partial class GathoSdk
{
    /// <summary>
    /// Quick match in one call: a seat in the fullest running or starting <paramref name="roomType"/> room that has
    /// every tag in <see cref="MatchOptions.Tags"/>, is not locked and has a free seat — or, when there is none, in a
    /// new room of <paramref name="maxClients"/> seats on the least-loaded server. The choice and the seat are one
    /// atomic driver step, so any number of backends calling at once fill rooms exactly (50 calls for 2-seat rooms make
    /// 25 full rooms). When the room is still starting this waits for it (up to <see cref="MatchOptions.Timeout"/>)
    /// and then mints the seat token; the seat's TTL covers that wait.
    /// </summary>
    /// <param name="roomType">The room type.</param>
    /// <param name="maxClients">The capacity of a room this call creates (existing rooms keep their own).</param>
    /// <param name="options">Tags to match, data, timeouts.</param>
    /// <param name="cancellationToken">Stops waiting (a room this call created is then removed).</param>
    /// <exception cref="NoServerAvailableException">No live server supports the type (with the server tags).</exception>
    /// <exception cref="SeatLapsedException">The seat was gone when its room came up.</exception>
    /// <exception cref="Drivers.Errors.RoomTimeoutException">The room did not run within the timeout.</exception>
    /// <exception cref="Drivers.Errors.RoomFailedException">The room's server reported a start failure.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxClients"/> is below 1, or a TTL or timeout is out of range.</exception>
    public async Task<Seat> JoinOrCreateAsync(string roomType, int maxClients, MatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MatchOptions();
        DriverArguments.Id(roomType, nameof(roomType));
        DriverArguments.Capacity(maxClients, nameof(maxClients));
        var wait = DriverArguments.Timeout(options.Timeout ?? DefaultCreateTimeout, nameof(options.Timeout));
        var seatTtl = DriverArguments.Ttl(options.SeatTtl ?? DefaultSeatTtl, nameof(options.SeatTtl));
        var joinData = DriverPayloads.JsonObject(options.JoinDataJson, DriverLimits.MaxJoinDataBytes, nameof(options.JoinDataJson));

        var servers = await Driver.ListServersAsync(new ServerFilter { RoomTypes = [roomType], Tags = options.ServerTags }, cancellationToken).ConfigureAwait(false);
        var server = LeastLoadedPlacement.Choose(servers) ?? throw new NoServerAvailableException(roomType, options.ServerTags ?? Tags.None);
        var newRoom = new RoomRegistration(Guid.NewGuid().ToString(), roomType, server.ServerId, WholeMilliseconds(wait) + RegistrationGrace, options.CreateDataJson, options.Tags, maxClients);

        // A seat in a starting room must outlive the wait for it, or it would lapse before its token is minted.
        var request = new JoinOrCreateRequest(newRoom, WholeMilliseconds(wait) + seatTtl, options.Tags, options.ClientTags, joinData);
        var matched = await Driver.JoinOrCreateAsync(request, cancellationToken).ConfigureAwait(false);
        if (matched.Reservation is { } ready)
        {
            return SeatSigner.Sign(ready);
        }

        try
        {
            await Driver.WaitForRoomAsync(matched.RoomId, wait, Task.CompletedTask, cancellationToken).ConfigureAwait(false);
            var reservation = await Driver.GetReservationAsync(matched.ClientId, joinData, cancellationToken).ConfigureAwait(false)
                ?? throw new SeatLapsedException(matched.RoomId, matched.ClientId);
            return SeatSigner.Sign(reservation);
        }
        catch (Exception e)
        {
            logger.LogInformation("join-or-create seat {ClientId} in room {RoomId} was not completed: {Error}", matched.ClientId, matched.RoomId, e.Message);
            if (matched.Created)
            {
                await UnregisterBestEffortAsync(matched.RoomId).ConfigureAwait(false);
            }
            else
            {
                await ReleaseBestEffortAsync(matched.ClientId).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Locks a room (join-or-create skips it and <see cref="JoinAsync"/> throws <see cref="Drivers.Errors.RoomLockedException"/>;
    /// its clients stay) or unlocks it. Rooms usually lock themselves from room code (<c>Room.Lock()</c>).
    /// </summary>
    /// <exception cref="Drivers.Errors.RoomNotFoundException">No such room.</exception>
    public Task SetRoomLockedAsync(string roomId, bool locked, CancellationToken cancellationToken = default) =>
        Driver.SetRoomLockedAsync(roomId, locked, cancellationToken);
}
