using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;

namespace Gatho.Drivers.Memory;

// Client records: reservations (seats), connections and disconnections.
public sealed partial class MemoryDriver
{
    /// <inheritdoc />
    public Task<ClientReservation> ReserveClientAsync(ClientReservationRequest request, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                ArgumentNullException.ThrowIfNull(request);
                var roomId = DriverArguments.Id(request.RoomId, nameof(request.RoomId));
                var ttl = DriverArguments.Ttl(request.Ttl, nameof(request.Ttl));
                var data = DriverPayloads.JsonObject(request.DataJson, DriverLimits.MaxJoinDataBytes, nameof(request.DataJson));
                var tags = DriverPayloads.TagSet(request.Tags, DriverLimits.MaxClientTagsBytes);
                lock (gate)
                {
                    var now = BeginLocked(cancellationToken);
                    var room = rooms.GetValueOrDefault(roomId) ?? throw new RoomNotFoundException(roomId);
                    if (room.Status != RoomStatus.Running || room.Endpoint is null || room.RoomSecret is null)
                    {
                        throw new RoomNotRunningException(roomId, room.Status);
                    }

                    RequireSeat(room);
                    var client = AddReservationLocked(room, tags, now, ttl);
                    return new ClientReservation(client.ClientId, roomId, room.Endpoint, room.RoomSecret, data, tags, now, now + ttl);
                }
            },
            cancellationToken);

    /// <summary>Throws unless the room takes a new seat now: unlocked and below its capacity. Call under the lock.</summary>
    private static void RequireSeat(RoomRecord room)
    {
        if (room.Locked)
        {
            throw new RoomLockedException(room.RoomId);
        }

        if (!room.HasFreeSeat)
        {
            throw new RoomFullException(room.RoomId, room.MaxClients!.Value);
        }
    }

    /// <summary>Writes a reserved client into <paramref name="room"/> that lapses after <paramref name="ttl"/>. Call under the lock.</summary>
    private ClientRecord AddReservationLocked(RoomRecord room, System.Collections.Immutable.ImmutableDictionary<string, string> tags, DateTimeOffset now, TimeSpan ttl)
    {
        var client = new ClientRecord(Guid.NewGuid().ToString(), room.RoomId)
        {
            Status = ClientStatus.Reserved,
            Tags = tags,
            ExpiresAt = now + ttl,
        };
        clients.Add(client.ClientId, client);
        room.ClientIds.Add(client.ClientId);
        clientExpiries.Enqueue(client.ClientId, now + ttl);
        return client;
    }

    /// <inheritdoc />
    public Task ConnectClientAsync(string clientId, string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(clientId, nameof(clientId));
                DriverArguments.Id(roomId, nameof(roomId));
                ArgumentNullException.ThrowIfNull(tags);
                var validTags = DriverPayloads.TagSet(tags, DriverLimits.MaxClientTagsBytes);
                lock (gate)
                {
                    var now = BeginLocked(cancellationToken);
                    var room = rooms.GetValueOrDefault(roomId) ?? throw new RoomNotFoundException(roomId);
                    if (clients.TryGetValue(clientId, out var existing) && existing.RoomId != roomId)
                    {
                        // The same client id can only be in one room: the upsert moves it.
                        RemoveClient(existing);
                    }

                    var client = clients.GetValueOrDefault(clientId) ?? new ClientRecord(clientId, roomId);
                    client.RoomId = roomId;
                    client.Status = ClientStatus.Connected;
                    client.Tags = validTags;
                    client.ExpiresAt = null;
                    client.ConnectedAt = now;
                    clients[clientId] = client;
                    room.ClientIds.Add(clientId);
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> DisconnectClientAsync(string clientId, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(clientId, nameof(clientId));
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    if (!clients.TryGetValue(clientId, out var client))
                    {
                        return false;
                    }

                    RemoveClient(client);
                    return true;
                }
            },
            cancellationToken);
}
