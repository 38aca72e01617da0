using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;

namespace Gatho.Drivers.Memory;

// Matchmaking: join-or-create, seats held in requested rooms, locks. Atomic because each runs under the one lock.
public sealed partial class MemoryDriver
{
    /// <inheritdoc />
    public Task<MatchedSeat> JoinOrCreateAsync(JoinOrCreateRequest request, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                var match = MatchRequest.Validate(request);
                lock (gate)
                {
                    var now = BeginLocked(cancellationToken);
                    var room = ChooseRoomLocked(match, now) ?? RegisterLocked(match.NewRoom, now);
                    var client = AddReservationLocked(room, match.ClientTags, now, match.SeatTtl);
                    var reservation = room.Status == RoomStatus.Running && room.Endpoint is not null && room.RoomSecret is not null
                        ? new ClientReservation(client.ClientId, room.RoomId, room.Endpoint, room.RoomSecret, match.JoinDataJson, match.ClientTags, now, now + match.SeatTtl)
                        : null;
                    return new MatchedSeat(room.RoomId, client.ClientId, room.RoomId == match.NewRoom.RoomId, now + match.SeatTtl, reservation);
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ClientReservation?> GetReservationAsync(string clientId, string? dataJson = null, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(clientId, nameof(clientId));
                var data = DriverPayloads.JsonObject(dataJson, DriverLimits.MaxJoinDataBytes, nameof(dataJson));
                lock (gate)
                {
                    var now = BeginLocked(cancellationToken);
                    if (!clients.TryGetValue(clientId, out var client) || client.Status != ClientStatus.Reserved || !rooms.TryGetValue(client.RoomId, out var room))
                    {
                        return null;
                    }

                    if (room.Status != RoomStatus.Running || room.Endpoint is null || room.RoomSecret is null)
                    {
                        throw new RoomNotRunningException(room.RoomId, room.Status);
                    }

                    return new ClientReservation(clientId, room.RoomId, room.Endpoint, room.RoomSecret, data, client.Tags, now, client.ExpiresAt!.Value);
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task SetRoomLockedAsync(string roomId, bool locked, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(roomId, nameof(roomId));
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    var room = rooms.GetValueOrDefault(roomId) ?? throw new RoomNotFoundException(roomId);
                    room.Locked = locked;
                }
            },
            cancellationToken);

    /// <summary>The fullest, then oldest, matching room with a free seat on a live server, or null. Call under the lock.</summary>
    private RoomRecord? ChooseRoomLocked(MatchRequest match, DateTimeOffset now)
    {
        var filter = new RoomFilter { Type = match.NewRoom.RoomType, TagsEqual = match.TagsEqual };
        RoomRecord? best = null;
        foreach (var room in rooms.Values)
        {
            if (room.Locked || !room.HasFreeSeat || !Matches(room, filter)
                || !servers.TryGetValue(room.ServerId, out var server) || IsStale(server, now))
            {
                continue;
            }

            if (best is null
                || room.ClientIds.Count > best.ClientIds.Count
                || (room.ClientIds.Count == best.ClientIds.Count && room.Sequence < best.Sequence))
            {
                best = room;
            }
        }

        return best;
    }
}
