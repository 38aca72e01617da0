using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;

namespace Gatho.Drivers.Postgres.Records;

/// <summary>
/// Server records: liveness is a lease by database time (<c>now() - last_heartbeat</c> against
/// <see cref="StaleAfter"/>), never the callers' clocks, so servers with skewed clocks agree on who is stale.
/// </summary>
internal sealed class ServerStore(PostgresDatabase database, RoomStore rooms, TimeSpan staleAfter)
{
    private const string ServerColumns = "SELECT s.server_id, s.endpoint, s.last_heartbeat, s.tags::text, s.room_types FROM {s}.servers s";

    public TimeSpan StaleAfter { get; } = staleAfter;

    public async Task<HeartbeatResult> HeartbeatAsync(ServerHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var serverId = DriverArguments.Id(heartbeat.ServerId, nameof(heartbeat.ServerId));
        var endpoint = DriverArguments.Endpoint(heartbeat.Endpoint, nameof(heartbeat.Endpoint), "http", "https");
        var tags = DriverPayloads.TagSet(heartbeat.Tags, DriverLimits.MaxServerTagsBytes);
        ArgumentNullException.ThrowIfNull(heartbeat.RoomTypes);
        var roomTypes = heartbeat.RoomTypes.Select(type => DriverArguments.Id(type, nameof(heartbeat.RoomTypes))).Distinct(StringComparer.Ordinal).ToArray();

        // One round trip, one transaction: upsert (xmax = 0 tells an insert from an update), evict any other server
        // at the same endpoint when this one is new (a restart under a new id), then the desired rooms.
        return await database.BatchAsync(
            [
                (
                    """
                    WITH up AS (
                        INSERT INTO {s}.servers (server_id, endpoint, tags, room_types, last_heartbeat)
                        VALUES ($1, $2, $3::jsonb, $4, now())
                        ON CONFLICT (server_id) DO UPDATE
                        SET endpoint = excluded.endpoint, room_types = excluded.room_types, last_heartbeat = excluded.last_heartbeat
                        RETURNING (xmax = 0) AS inserted, tags::text AS tags),
                    evicted AS (
                        DELETE FROM {s}.servers s USING up WHERE up.inserted AND s.endpoint = $2 AND s.server_id <> $1)
                    SELECT inserted, tags FROM up
                    """,
                    [serverId, endpoint, TagJson.Serialize(tags), roomTypes]),
                (
                    """
                    SELECT room_id, room_type, data, status FROM {s}.rooms
                    WHERE server_id = $1 AND (expires_at IS NULL OR expires_at > now()) ORDER BY seq
                    """,
                    [serverId]),
            ],
            static async (reader, token) =>
            {
                await reader.ReadAsync(token).ConfigureAwait(false);
                var registered = reader.GetBoolean(0);
                var storedTags = TagJson.Parse(reader.GetString(1));
                await reader.NextResultAsync(token).ConfigureAwait(false);
                var desired = await PostgresDatabase.ReadAllAsync(
                    reader,
                    row => new DesiredRoom(row.GetString(0), row.GetString(1), row.GetString(2), (RoomStatus)row.GetInt16(3)),
                    token).ConfigureAwait(false);
                return new HeartbeatResult(storedTags, desired, registered);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UnregisterAsync(string serverId, CancellationToken cancellationToken)
    {
        DriverArguments.Id(serverId, nameof(serverId));
        return await database.ExecuteAsync("DELETE FROM {s}.servers WHERE server_id = $1", cancellationToken, serverId).ConfigureAwait(false) > 0;
    }

    public async Task<bool> ReapAsync(string serverId, CancellationToken cancellationToken)
    {
        DriverArguments.Id(serverId, nameof(serverId));

        // The staleness check is part of the DELETE: a heartbeat that committed first makes the row live again
        // (READ COMMITTED re-evaluates the condition on the newest row version), so the reap does nothing.
        return await database.ExecuteAsync(
            "DELETE FROM {s}.servers WHERE server_id = $1 AND now() - last_heartbeat > $2",
            cancellationToken,
            serverId,
            StaleAfter).ConfigureAwait(false) > 0;
    }

    public async Task<ServerInfo?> GetAsync(string serverId, CancellationToken cancellationToken)
    {
        DriverArguments.Id(serverId, nameof(serverId));
        var servers = await ListWhereAsync(" WHERE s.server_id = $1", [serverId], cancellationToken).ConfigureAwait(false);
        return servers.Count == 0 ? null : servers[0];
    }

    public Task<IReadOnlyList<ServerInfo>> ListLiveAsync(ServerFilter? filter, CancellationToken cancellationToken)
    {
        filter ??= new ServerFilter();
        DriverPayloads.FilterTags(filter.Tags);
        var types = (filter.RoomTypes ?? []).Select(type => DriverArguments.Id(type, nameof(filter.RoomTypes))).ToArray();
        var where = " WHERE now() - s.last_heartbeat <= $1";
        var parameters = new List<object?> { StaleAfter };
        if (filter.Tags is { Count: > 0 })
        {
            parameters.Add(TagJson.Serialize(filter.Tags));
            where += $" AND s.tags @> ${parameters.Count}::jsonb";
        }

        if (types.Length > 0)
        {
            parameters.Add(types);
            where += $" AND s.room_types @> ${parameters.Count}";
        }

        return ListWhereAsync(where, [.. parameters], cancellationToken);
    }

    public Task<IReadOnlyList<ServerInfo>> ListStaleAsync(CancellationToken cancellationToken) =>
        ListWhereAsync(" WHERE now() - s.last_heartbeat > $1", [StaleAfter], cancellationToken);

    public Task AddTagsAsync(string serverId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        DriverArguments.Id(serverId, nameof(serverId));
        ArgumentNullException.ThrowIfNull(tags);
        var added = DriverPayloads.TagSet(tags, DriverLimits.MaxServerTagsBytes);
        return UpdateTagsAsync(serverId, current => current.SetItems(added), cancellationToken);
    }

    public Task RemoveTagsAsync(string serverId, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        DriverArguments.Id(serverId, nameof(serverId));
        var removed = DriverPayloads.TagKeys(keys, nameof(keys));
        return UpdateTagsAsync(serverId, current => current.RemoveRange(removed), cancellationToken);
    }

    private Task UpdateTagsAsync(
        string serverId,
        Func<System.Collections.Immutable.ImmutableDictionary<string, string>, System.Collections.Immutable.ImmutableDictionary<string, string>> change,
        CancellationToken cancellationToken) =>
        TagUpdate.RunAsync(
            database,
            "SELECT tags::text FROM {s}.servers WHERE server_id = $1 FOR UPDATE",
            "UPDATE {s}.servers SET tags = $2::jsonb WHERE server_id = $1",
            serverId,
            change,
            DriverLimits.MaxServerTagsBytes,
            () => new ServerNotFoundException(serverId),
            cancellationToken);

    private async Task<IReadOnlyList<ServerInfo>> ListWhereAsync(string where, object?[] parameters, CancellationToken cancellationToken)
    {
        var servers = await database.QueryAsync(
            ServerColumns + where + " ORDER BY s.server_id COLLATE \"C\"",
            static (reader, token) => PostgresDatabase.ReadAllAsync(
                reader,
                row => (Id: row.GetString(0), Endpoint: row.GetString(1), LastHeartbeat: row.GetFieldValue<DateTimeOffset>(2), Tags: row.GetString(3), Types: row.GetFieldValue<string[]>(4)),
                token),
            cancellationToken,
            parameters).ConfigureAwait(false);
        if (servers.Count == 0)
        {
            return [];
        }

        var roomsByServer = (await rooms.OfServersAsync([.. servers.Select(server => server.Id)], cancellationToken).ConfigureAwait(false))
            .ToLookup(room => room.ServerId, StringComparer.Ordinal);
        return servers
            .Select(server => new ServerInfo(server.Id, server.Endpoint, server.LastHeartbeat, [.. roomsByServer[server.Id]], TagJson.Parse(server.Tags), server.Types))
            .ToList();
    }
}
