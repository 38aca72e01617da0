using Gatho.Drivers.Model;
using Gatho.Drivers.Redis.Records;
using Gatho.Drivers.Validation;
using StackExchange.Redis;

namespace Gatho.Drivers.Redis;

// Server records: heartbeat (registration and lease renewal), listings, reaping, tags.
public sealed partial class RedisDriver
{
    /// <inheritdoc />
    public async Task<HeartbeatResult> HeartbeatAsync(ServerHeartbeat heartbeat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var serverId = DriverArguments.Id(heartbeat.ServerId, nameof(heartbeat.ServerId));
        var endpoint = DriverArguments.Endpoint(heartbeat.Endpoint, nameof(heartbeat.Endpoint), "http", "https");
        var tags = DriverPayloads.TagSet(heartbeat.Tags, DriverLimits.MaxServerTagsBytes);
        ArgumentNullException.ThrowIfNull(heartbeat.RoomTypes);
        var roomTypes = heartbeat.RoomTypes.Select(type => (RedisValue)DriverArguments.Id(type, nameof(heartbeat.RoomTypes))).ToArray();
        RedisValue[] head = [serverId, endpoint, tags.Count];
        var result = await RunAsync(scripts.Heartbeat, [.. head, .. RedisRecords.Flatten(tags), .. roomTypes], cancellationToken).ConfigureAwait(false);
        return RedisRecords.Heartbeat(result);
    }

    /// <inheritdoc />
    public async Task<bool> UnregisterServerAsync(string serverId, CancellationToken cancellationToken = default) =>
        (long)await RunAsync(scripts.UnregisterServer, [DriverArguments.Id(serverId, nameof(serverId))], cancellationToken).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async Task AddServerTagsAsync(string serverId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        DriverArguments.Id(serverId, nameof(serverId));
        ArgumentNullException.ThrowIfNull(tags);
        var added = DriverPayloads.TagSet(tags, DriverLimits.MaxServerTagsBytes);
        RedisValue[] head = [serverId, "add", DriverLimits.MaxServerTagsBytes];
        await RunAsync(scripts.ServerTags, [.. head, .. RedisRecords.Flatten(added)], cancellationToken, serverId, DriverLimits.MaxServerTagsBytes).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveServerTagsAsync(string serverId, IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        DriverArguments.Id(serverId, nameof(serverId));
        var removed = DriverPayloads.TagKeys(keys, nameof(keys));
        RedisValue[] head = [serverId, "remove", DriverLimits.MaxServerTagsBytes];
        await RunAsync(scripts.ServerTags, [.. head, .. removed.Select(key => (RedisValue)key)], cancellationToken, serverId).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ServerInfo>> ListServersAsync(ServerFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new ServerFilter();
        DriverPayloads.FilterTags(filter.Tags);
        var types = (filter.RoomTypes ?? []).Select(type => (RedisValue)DriverArguments.Id(type, nameof(filter.RoomTypes))).ToArray();
        return ListServersAsync("live", string.Empty, filter.Tags ?? Model.Tags.None, types, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ServerInfo>> ListStaleServersAsync(CancellationToken cancellationToken = default) =>
        ListServersAsync("stale", string.Empty, Model.Tags.None, [], cancellationToken);

    /// <inheritdoc />
    public async Task<bool> ReapServerAsync(string serverId, CancellationToken cancellationToken = default) =>
        (long)await RunAsync(scripts.ReapServer, [DriverArguments.Id(serverId, nameof(serverId))], cancellationToken).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async Task<ServerInfo?> GetServerAsync(string serverId, CancellationToken cancellationToken = default)
    {
        var found = await ListServersAsync("one", DriverArguments.Id(serverId, nameof(serverId)), Model.Tags.None, [], cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    private async Task<IReadOnlyList<ServerInfo>> ListServersAsync(
        string mode, string serverId, IReadOnlyDictionary<string, string> tags, RedisValue[] roomTypes, CancellationToken cancellationToken)
    {
        RedisValue[] head = [mode, serverId, tags.Count];
        var result = await RunAsync(scripts.ListServers, [.. head, .. RedisRecords.Flatten(tags), .. roomTypes], cancellationToken).ConfigureAwait(false);
        return RedisRecords.List(result, RedisRecords.Server);
    }
}
