using Gatho.Drivers.Errors;
using Gatho.Drivers.Events;
using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;
using Gatho.Drivers.Waiting;

namespace Gatho.Drivers.Memory;

// Room records: registration, lookup and listing, tags, ready/failure.
public sealed partial class MemoryDriver
{
    /// <inheritdoc />
    public Task RegisterRoomAsync(RoomRegistration registration, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                ArgumentNullException.ThrowIfNull(registration);
                var valid = ValidRegistration(registration);
                lock (gate)
                {
                    RegisterLocked(valid, BeginLocked(cancellationToken));
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> UnregisterRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(roomId, nameof(roomId));
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    if (!rooms.TryGetValue(roomId, out var room))
                    {
                        return false;
                    }

                    RemoveRoom(room);
                    PostServerEvent(room.ServerId, new RoomRemovedEvent(roomId));
                    return true;
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<RoomInfo?> GetRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(roomId, nameof(roomId));
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    return rooms.TryGetValue(roomId, out var room) ? Snapshot(room) : null;
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(RoomFilter? filter = null, CancellationToken cancellationToken = default) =>
        Complete<IReadOnlyList<RoomInfo>>(
            () =>
            {
                filter ??= new RoomFilter();
                ValidateFilter(filter);
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    return rooms.Values.Where(room => Matches(room, filter)).OrderBy(room => room.Sequence).Select(Snapshot).ToList();
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task AddRoomTagsAsync(string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(roomId, nameof(roomId));
                ArgumentNullException.ThrowIfNull(tags);
                var added = DriverPayloads.TagSet(tags, DriverLimits.MaxRoomTagsBytes);
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    var room = rooms.GetValueOrDefault(roomId) ?? throw new RoomNotFoundException(roomId);
                    var merged = room.Tags.SetItems(added);
                    DriverPayloads.RequireTagsWithin(merged, DriverLimits.MaxRoomTagsBytes);
                    room.Tags = merged;
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task RemoveRoomTagsAsync(string roomId, IEnumerable<string> keys, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(roomId, nameof(roomId));
                var removed = DriverPayloads.TagKeys(keys, nameof(keys));
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    var room = rooms.GetValueOrDefault(roomId) ?? throw new RoomNotFoundException(roomId);
                    room.Tags = room.Tags.RemoveRange(removed);
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RoomReadyAsync(string roomId, string endpoint, string roomSecret, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(roomId, nameof(roomId));
                DriverArguments.Endpoint(endpoint, nameof(endpoint), "ws", "wss", "http", "https");
                DriverArguments.Text(roomSecret, nameof(roomSecret));
                Action? signal;
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    if (!rooms.TryGetValue(roomId, out var room))
                    {
                        return false;
                    }

                    room.Status = RoomStatus.Running;
                    room.Endpoint = endpoint;
                    room.RoomSecret = roomSecret;
                    room.RequestedExpiresAt = null;
                    signal = PrepareRoomSignal(roomId, RoomSignal.Ready);
                }

                signal?.Invoke();
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task RoomFailureAsync(string roomId, string reason, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(roomId, nameof(roomId));
                DriverArguments.Text(reason, nameof(reason));
                Action? signal;
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    signal = PrepareRoomSignal(roomId, RoomSignal.Failed(reason));
                }

                // Failed is published before the delete, so a waiter learns the server's reason instead of a bare
                // "room record removed" from a poll that lands in between.
                signal?.Invoke();
                lock (gate)
                {
                    ObjectDisposedException.ThrowIf(disposed, this);
                    if (rooms.TryGetValue(roomId, out var room))
                    {
                        RemoveRoom(room);
                        PostServerEvent(room.ServerId, new RoomRemovedEvent(roomId));
                    }
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<RoomInfo> WaitForRoomAsync(string roomId, TimeSpan timeout, Task registered, CancellationToken cancellationToken = default)
    {
        try
        {
            DriverArguments.Id(roomId, nameof(roomId));
            ObjectDisposedException.ThrowIf(disposed, this);
            return waiter.WaitAsync(roomId, timeout, registered, cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<RoomInfo>(e);
        }
    }

    /// <summary>A registration with every field checked and normalized (data compacted, tags validated).</summary>
    private static RoomRegistration ValidRegistration(RoomRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return new RoomRegistration(
            DriverArguments.Id(registration.RoomId, nameof(registration.RoomId)),
            DriverArguments.Id(registration.RoomType, nameof(registration.RoomType)),
            DriverArguments.Id(registration.ServerId, nameof(registration.ServerId)),
            DriverArguments.Ttl(registration.Ttl, nameof(registration.Ttl)),
            DriverPayloads.JsonObject(registration.DataJson, DriverLimits.MaxRoomDataBytes, nameof(registration.DataJson)),
            DriverPayloads.TagSet(registration.Tags, DriverLimits.MaxRoomTagsBytes),
            DriverArguments.Capacity(registration.MaxClients, nameof(registration.MaxClients)));
    }

    /// <summary>Writes a validated registration and pushes its assignment. Call under the lock.</summary>
    private RoomRecord RegisterLocked(RoomRegistration registration, DateTimeOffset now)
    {
        if (!servers.TryGetValue(registration.ServerId, out var server))
        {
            throw new ServerNotFoundException(registration.ServerId);
        }

        if (rooms.ContainsKey(registration.RoomId))
        {
            throw new RoomExistsException(registration.RoomId);
        }

        var room = new RoomRecord(registration.RoomId, registration.RoomType, registration.ServerId, ++roomSequence)
        {
            DataJson = registration.DataJson!,
            Tags = DriverPayloads.TagSet(registration.Tags, DriverLimits.MaxRoomTagsBytes),
            CreatedAt = now,
            RequestedExpiresAt = now + registration.Ttl,
            MaxClients = registration.MaxClients,
        };
        rooms.Add(room.RoomId, room);
        server.RoomIds.Add(room.RoomId);
        roomExpiries.Enqueue(room.RoomId, now + registration.Ttl);
        PostServerEvent(room.ServerId, new RoomAssignedEvent(room.RoomId, room.RoomType, room.DataJson));
        return room;
    }

    private static void ValidateFilter(RoomFilter filter)
    {
        if (filter.Type is not null)
        {
            DriverArguments.Id(filter.Type, nameof(filter.Type));
        }

        if (filter.ServerId is not null)
        {
            DriverArguments.Id(filter.ServerId, nameof(filter.ServerId));
        }

        DriverPayloads.FilterTags(filter.TagsEqual);
        DriverPayloads.FilterTags(filter.TagsNotEqual);
    }

    private static bool Matches(RoomRecord room, RoomFilter filter)
    {
        if ((filter.Type is not null && room.RoomType != filter.Type)
            || (filter.Status is { } status && room.Status != status)
            || (filter.ServerId is not null && room.ServerId != filter.ServerId)
            || (filter.Locked is { } locked && room.Locked != locked))
        {
            return false;
        }

        if (filter.TagsEqual is not null)
        {
            foreach (var (key, value) in filter.TagsEqual)
            {
                if (!room.Tags.TryGetValue(key, out var actual) || actual != value)
                {
                    return false;
                }
            }
        }

        if (filter.TagsNotEqual is not null)
        {
            foreach (var (key, value) in filter.TagsNotEqual)
            {
                if (room.Tags.TryGetValue(key, out var actual) && actual == value)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
