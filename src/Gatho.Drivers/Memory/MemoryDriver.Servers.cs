using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;
using Microsoft.Extensions.Logging;

namespace Gatho.Drivers.Memory;

// Server records: heartbeat (registration and liveness), listings, reaping, tags, leader election.
public sealed partial class MemoryDriver
{
    /// <inheritdoc />
    public Task<HeartbeatResult> HeartbeatAsync(ServerHeartbeat heartbeat, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                ArgumentNullException.ThrowIfNull(heartbeat);
                var serverId = DriverArguments.Id(heartbeat.ServerId, nameof(heartbeat.ServerId));
                var endpoint = DriverArguments.Endpoint(heartbeat.Endpoint, nameof(heartbeat.Endpoint), "http", "https");
                var tags = DriverPayloads.TagSet(heartbeat.Tags, DriverLimits.MaxServerTagsBytes);
                ArgumentNullException.ThrowIfNull(heartbeat.RoomTypes);
                var roomTypes = heartbeat.RoomTypes.Select(type => DriverArguments.Id(type, nameof(heartbeat.RoomTypes))).Distinct(StringComparer.Ordinal).ToArray();

                lock (gate)
                {
                    var now = BeginLocked(cancellationToken);
                    var registered = false;
                    if (!servers.TryGetValue(serverId, out var server))
                    {
                        registered = true;

                        // Same endpoint, other id: the same server restarted under a new id. Its old record (and
                        // rooms) would otherwise linger until reaped and double-count in placement.
                        foreach (var previous in servers.Values.Where(s => s.Endpoint == endpoint).ToList())
                        {
                            logger.LogInformation("server {ServerId} registered at {Endpoint}; unregistering {PreviousId} which had the same endpoint", serverId, endpoint, previous.ServerId);
                            RemoveServer(previous);
                        }

                        server = new ServerRecord(serverId, tags);
                        servers.Add(serverId, server);
                    }

                    server.Endpoint = endpoint;
                    server.RoomTypes = [.. roomTypes];
                    server.LastHeartbeat = now;
                    var desired = RoomsOf(server).Select(room => new DesiredRoom(room.RoomId, room.RoomType, room.DataJson, room.Status)).ToList();
                    return new HeartbeatResult(server.Tags, desired, registered);
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> UnregisterServerAsync(string serverId, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(serverId, nameof(serverId));
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    if (!servers.TryGetValue(serverId, out var server))
                    {
                        return false;
                    }

                    RemoveServer(server);
                    return true;
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task AddServerTagsAsync(string serverId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(serverId, nameof(serverId));
                ArgumentNullException.ThrowIfNull(tags);
                var added = DriverPayloads.TagSet(tags, DriverLimits.MaxServerTagsBytes);
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    var server = servers.GetValueOrDefault(serverId) ?? throw new ServerNotFoundException(serverId);
                    var merged = server.Tags.SetItems(added);
                    DriverPayloads.RequireTagsWithin(merged, DriverLimits.MaxServerTagsBytes);
                    server.Tags = merged;
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task RemoveServerTagsAsync(string serverId, IEnumerable<string> keys, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(serverId, nameof(serverId));
                var removed = DriverPayloads.TagKeys(keys, nameof(keys));
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    var server = servers.GetValueOrDefault(serverId) ?? throw new ServerNotFoundException(serverId);
                    server.Tags = server.Tags.RemoveRange(removed);
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ServerInfo>> ListServersAsync(ServerFilter? filter = null, CancellationToken cancellationToken = default) =>
        Complete<IReadOnlyList<ServerInfo>>(
            () =>
            {
                filter ??= new ServerFilter();
                DriverPayloads.FilterTags(filter.Tags);
                foreach (var type in filter.RoomTypes ?? [])
                {
                    DriverArguments.Id(type, nameof(filter.RoomTypes));
                }

                lock (gate)
                {
                    var now = BeginLocked(cancellationToken);
                    return servers.Values
                        .Where(server => !IsStale(server, now) && Matches(server, filter))
                        .OrderBy(server => server.ServerId, StringComparer.Ordinal)
                        .Select(Snapshot)
                        .ToList();
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ServerInfo>> ListStaleServersAsync(CancellationToken cancellationToken = default) =>
        Complete<IReadOnlyList<ServerInfo>>(
            () =>
            {
                lock (gate)
                {
                    var now = BeginLocked(cancellationToken);
                    return servers.Values
                        .Where(server => IsStale(server, now))
                        .OrderBy(server => server.ServerId, StringComparer.Ordinal)
                        .Select(Snapshot)
                        .ToList();
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReapServerAsync(string serverId, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(serverId, nameof(serverId));
                lock (gate)
                {
                    var now = BeginLocked(cancellationToken);
                    if (!servers.TryGetValue(serverId, out var server) || !IsStale(server, now))
                    {
                        return false;
                    }

                    logger.LogInformation("reaping stale server {ServerId} (last heartbeat {LastHeartbeat:O}) with {RoomCount} rooms", serverId, server.LastHeartbeat, server.RoomIds.Count);
                    RemoveServer(server);
                    return true;
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ServerInfo?> GetServerAsync(string serverId, CancellationToken cancellationToken = default) =>
        Complete(
            () =>
            {
                DriverArguments.Id(serverId, nameof(serverId));
                lock (gate)
                {
                    BeginLocked(cancellationToken);
                    return servers.TryGetValue(serverId, out var server) ? Snapshot(server) : null;
                }
            },
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>One process holds every server that uses this driver, so there is nothing to elect: always true.</remarks>
    public Task<bool> TryAcquireLeaderAsync(string serverId, CancellationToken cancellationToken = default) => GrantLeadership(serverId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Always true for the memory driver.</remarks>
    public Task<bool> RenewLeaderAsync(string serverId, CancellationToken cancellationToken = default) => GrantLeadership(serverId, cancellationToken);

    /// <inheritdoc />
    public Task ReleaseLeaderAsync(string serverId, CancellationToken cancellationToken = default) => GrantLeadership(serverId, cancellationToken);

    private Task<bool> GrantLeadership(string serverId, CancellationToken cancellationToken) =>
        Complete(
            () =>
            {
                DriverArguments.Id(serverId, nameof(serverId));
                cancellationToken.ThrowIfCancellationRequested();
                ObjectDisposedException.ThrowIf(disposed, this);
                return true;
            },
            cancellationToken);

    private static bool Matches(ServerRecord server, ServerFilter filter)
    {
        if (filter.Tags is not null)
        {
            foreach (var (key, value) in filter.Tags)
            {
                if (!server.Tags.TryGetValue(key, out var actual) || actual != value)
                {
                    return false;
                }
            }
        }

        return filter.RoomTypes is null || filter.RoomTypes.All(type => server.RoomTypes.Contains(type));
    }
}
