using Gatho.Drivers.Model;
using Gatho.Drivers.Redis.Records;
using Gatho.Drivers.Validation;
using StackExchange.Redis;

namespace Gatho.Drivers.Redis;

// Room and client records: thin wrappers that validate with the shared checks, then run one script each.
public sealed partial class RedisDriver
{
    /// <inheritdoc />
    public async Task RegisterRoomAsync(RoomRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var roomId = DriverArguments.Id(registration.RoomId, nameof(registration.RoomId));
        var roomType = DriverArguments.Id(registration.RoomType, nameof(registration.RoomType));
        var serverId = DriverArguments.Id(registration.ServerId, nameof(registration.ServerId));
        var data = DriverPayloads.JsonObject(registration.DataJson, DriverLimits.MaxRoomDataBytes, nameof(registration.DataJson));
        var tags = DriverPayloads.TagSet(registration.Tags, DriverLimits.MaxRoomTagsBytes);
        var ttl = DriverArguments.Ttl(registration.Ttl, nameof(registration.Ttl));
        var capacity = DriverArguments.Capacity(registration.MaxClients, nameof(registration.MaxClients));
        RedisValue[] head = [roomId, roomType, serverId, (long)ttl.TotalMilliseconds, data, capacity is { } max ? max : string.Empty];
        var subject = roomId;
        try
        {
            await RunAsync(scripts.RegisterRoom, [.. head, .. RedisRecords.Flatten(tags)], cancellationToken, subject).ConfigureAwait(false);
        }
        catch (Errors.ServerNotFoundException)
        {
            throw new Errors.ServerNotFoundException(serverId);
        }
    }

    /// <inheritdoc />
    public async Task<bool> UnregisterRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        (long)await RunAsync(scripts.UnregisterRoom, [DriverArguments.Id(roomId, nameof(roomId))], cancellationToken).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async Task<RoomInfo?> GetRoomAsync(string roomId, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(scripts.GetRoom, [DriverArguments.Id(roomId, nameof(roomId))], cancellationToken).ConfigureAwait(false);
        var found = (RedisResult[])result!;
        return found.Length == 0 ? null : RedisRecords.Room(found[0]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(RoomFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new RoomFilter();
        var type = filter.Type is null ? string.Empty : DriverArguments.Id(filter.Type, nameof(filter.Type));
        var server = filter.ServerId is null ? string.Empty : DriverArguments.Id(filter.ServerId, nameof(filter.ServerId));
        DriverPayloads.FilterTags(filter.TagsEqual);
        DriverPayloads.FilterTags(filter.TagsNotEqual);
        var status = filter.Status switch
        {
            null => string.Empty,
            RoomStatus.Running => "running",
            _ => "requested",
        };
        var equal = RedisRecords.Flatten(filter.TagsEqual ?? Model.Tags.None);
        var notEqual = RedisRecords.Flatten(filter.TagsNotEqual ?? Model.Tags.None);
        var locked = filter.Locked switch
        {
            null => string.Empty,
            true => "1",
            false => "0",
        };
        RedisValue[] head = [type, status, server, locked, equal.Length / 2];
        var result = await RunAsync(scripts.ListRooms, [.. head, .. equal, .. notEqual], cancellationToken).ConfigureAwait(false);
        return RedisRecords.List(result, RedisRecords.Room);
    }

    /// <inheritdoc />
    public async Task AddRoomTagsAsync(string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        ArgumentNullException.ThrowIfNull(tags);
        var added = DriverPayloads.TagSet(tags, DriverLimits.MaxRoomTagsBytes);
        RedisValue[] head = [roomId, "add", DriverLimits.MaxRoomTagsBytes];
        await RunAsync(scripts.RoomTags, [.. head, .. RedisRecords.Flatten(added)], cancellationToken, roomId, DriverLimits.MaxRoomTagsBytes).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveRoomTagsAsync(string roomId, IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        var removed = DriverPayloads.TagKeys(keys, nameof(keys));
        RedisValue[] head = [roomId, "remove", DriverLimits.MaxRoomTagsBytes];
        await RunAsync(scripts.RoomTags, [.. head, .. removed.Select(key => (RedisValue)key)], cancellationToken, roomId).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> RoomReadyAsync(string roomId, string endpoint, string roomSecret, CancellationToken cancellationToken = default)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        DriverArguments.Endpoint(endpoint, nameof(endpoint), "ws", "wss", "http", "https");
        DriverArguments.Text(roomSecret, nameof(roomSecret));
        return (long)await RunAsync(scripts.RoomReady, [roomId, endpoint, roomSecret], cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task RoomFailureAsync(string roomId, string reason, CancellationToken cancellationToken = default)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        DriverArguments.Text(reason, nameof(reason));
        await RunAsync(scripts.RoomFailure, [roomId, reason], cancellationToken).ConfigureAwait(false);
    }

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

    /// <inheritdoc />
    public async Task<ClientReservation> ReserveClientAsync(ClientReservationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var roomId = DriverArguments.Id(request.RoomId, nameof(request.RoomId));
        var ttl = DriverArguments.Ttl(request.Ttl, nameof(request.Ttl));
        var data = DriverPayloads.JsonObject(request.DataJson, DriverLimits.MaxJoinDataBytes, nameof(request.DataJson));
        var tags = DriverPayloads.TagSet(request.Tags, DriverLimits.MaxClientTagsBytes);
        var clientId = Guid.NewGuid().ToString();
        var reservedAt = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var result = await RunAsync(scripts.ReserveClient, [roomId, clientId, (long)ttl.TotalMilliseconds, RedisRecords.TagsToJson(tags)], cancellationToken, roomId).ConfigureAwait(false);
        var seat = (RedisResult[])result!;
        return new ClientReservation(clientId, roomId, (string)seat[0]!, (string)seat[1]!, data, tags, reservedAt, reservedAt + ttl);
    }

    /// <inheritdoc />
    public async Task ConnectClientAsync(string clientId, string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        DriverArguments.Id(clientId, nameof(clientId));
        DriverArguments.Id(roomId, nameof(roomId));
        ArgumentNullException.ThrowIfNull(tags);
        var validTags = DriverPayloads.TagSet(tags, DriverLimits.MaxClientTagsBytes);
        await RunAsync(scripts.ConnectClient, [clientId, roomId, RedisRecords.TagsToJson(validTags)], cancellationToken, roomId).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> DisconnectClientAsync(string clientId, CancellationToken cancellationToken = default) =>
        (long)await RunAsync(scripts.DisconnectClient, [DriverArguments.Id(clientId, nameof(clientId))], cancellationToken).ConfigureAwait(false) == 1;
}
