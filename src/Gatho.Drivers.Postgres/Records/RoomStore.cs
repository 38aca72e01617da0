using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;
using Npgsql;

namespace Gatho.Drivers.Postgres.Records;

/// <summary>
/// Room records: each write is one statement (a CTE chain) or one batch, so it is atomic across servers; the pushed
/// event is a row in <c>server_events</c> written by the same statement (its trigger sends the NOTIFY at commit).
/// </summary>
internal sealed class RoomStore(PostgresDatabase database)
{
    public async Task RegisterAsync(RoomRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var roomId = DriverArguments.Id(registration.RoomId, nameof(registration.RoomId));
        var roomType = DriverArguments.Id(registration.RoomType, nameof(registration.RoomType));
        var serverId = DriverArguments.Id(registration.ServerId, nameof(registration.ServerId));
        var data = DriverPayloads.JsonObject(registration.DataJson, DriverLimits.MaxRoomDataBytes, nameof(registration.DataJson));
        var tags = DriverPayloads.TagSet(registration.Tags, DriverLimits.MaxRoomTagsBytes);
        var ttl = DriverArguments.Ttl(registration.Ttl, nameof(registration.Ttl));
        var capacity = DriverArguments.Capacity(registration.MaxClients, nameof(registration.MaxClients));

        (bool ServerFound, bool Inserted) outcome;
        try
        {
            // The prelude clears a lapsed record of the same id (and an old failure reason), as the memory driver's
            // sweep would have, so the insert below sees only live rooms.
            outcome = await database.BatchAsync(
                [
                (
                """
                WITH lapsed AS (DELETE FROM {s}.rooms WHERE room_id = $1 AND expires_at <= now())
                DELETE FROM {s}.room_failures WHERE room_id = $1
                """,
                [roomId]),
                (
                """
                WITH server AS (SELECT server_id FROM {s}.servers WHERE server_id = $2 FOR KEY SHARE),
                inserted AS (
                    INSERT INTO {s}.rooms (room_id, room_type, server_id, data, tags, created_at, expires_at, max_clients)
                    SELECT $1, $3, server_id, $4, $5::jsonb, now(), now() + $6, $7::int FROM server
                    ON CONFLICT (room_id) DO NOTHING
                    RETURNING room_id),
                pushed AS (
                    INSERT INTO {s}.server_events (server_id, kind, room_id, room_type, data)
                    SELECT $2, 0, room_id, $3, $4 FROM inserted)
                SELECT EXISTS (SELECT 1 FROM server), EXISTS (SELECT 1 FROM inserted)
                """,
                [roomId, serverId, roomType, data, TagJson.Serialize(tags), ttl, capacity]),
                ],
                static async (reader, token) =>
                {
                    await reader.ReadAsync(token).ConfigureAwait(false);
                    return (reader.GetBoolean(0), reader.GetBoolean(1));
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The server was deleted between the check and the insert's commit.
            throw new ServerNotFoundException(serverId);
        }

        if (!outcome.ServerFound)
        {
            throw new ServerNotFoundException(serverId);
        }

        if (!outcome.Inserted)
        {
            throw new RoomExistsException(roomId);
        }
    }

    public async Task<bool> UnregisterAsync(string roomId, CancellationToken cancellationToken)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        return await database.ScalarAsync<bool>(
            """
            WITH deleted AS (
                DELETE FROM {s}.rooms WHERE room_id = $1
                RETURNING server_id, (expires_at IS NULL OR expires_at > now()) AS live),
            pushed AS (
                INSERT INTO {s}.server_events (server_id, kind, room_id) SELECT server_id, 1, $1 FROM deleted WHERE live)
            SELECT live FROM deleted
            """,
            cancellationToken,
            roomId).ConfigureAwait(false);
    }

    public async Task<RoomInfo?> GetAsync(string roomId, CancellationToken cancellationToken)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        var rooms = await database.QueryAsync(RoomRows.Select + " AND r.room_id = $1" + RoomRows.OrderBy, RoomRows.ReadAsync, cancellationToken, roomId).ConfigureAwait(false);
        return rooms.Count == 0 ? null : rooms[0];
    }

    /// <summary>
    /// The reader <see cref="Waiting.RoomWaiter"/> polls: like <see cref="GetAsync"/>, but a missing room whose failure
    /// was recorded throws <see cref="RoomFailedException"/> with the server's reason, read in the same statement, so a
    /// poll that lands between the delete and the failed notification still reports why.
    /// </summary>
    public async Task<RoomInfo?> ReadForWaitAsync(string roomId, CancellationToken cancellationToken)
    {
        var room = await GetAsync(roomId, cancellationToken).ConfigureAwait(false);
        if (room is not null)
        {
            return room;
        }

        var reason = await FailureReasonAsync(roomId, cancellationToken).ConfigureAwait(false);
        return reason is null ? null : throw new RoomFailedException(roomId, reason);
    }

    /// <summary>The recorded failure reason of a room that no longer exists, or null.</summary>
    public Task<string?> FailureReasonAsync(string roomId, CancellationToken cancellationToken) =>
        database.ScalarAsync<string>(
            "SELECT f.reason FROM {s}.room_failures f WHERE f.room_id = $1 AND NOT EXISTS (SELECT 1 FROM {s}.rooms r WHERE r.room_id = $1 AND (r.expires_at IS NULL OR r.expires_at > now()))",
            cancellationToken,
            roomId);

    public async Task<IReadOnlyList<RoomInfo>> ListAsync(RoomFilter? filter, CancellationToken cancellationToken)
    {
        filter ??= new RoomFilter();
        var (where, parameters) = RoomFilterSql.Build(filter);
        return await database.QueryAsync(RoomRows.Select + where + RoomRows.OrderBy, RoomRows.ReadAsync, cancellationToken, parameters).ConfigureAwait(false);
    }

    /// <summary>Every live room of <paramref name="serverIds"/>, oldest first.</summary>
    public Task<List<RoomInfo>> OfServersAsync(string[] serverIds, CancellationToken cancellationToken) =>
        database.QueryAsync(RoomRows.Select + " AND r.server_id = ANY($1)" + RoomRows.OrderBy, RoomRows.ReadAsync, cancellationToken, [serverIds]);

    public async Task<bool> ReadyAsync(string roomId, string endpoint, string roomSecret, CancellationToken cancellationToken)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        DriverArguments.Endpoint(endpoint, nameof(endpoint), "ws", "wss", "http", "https");
        DriverArguments.Text(roomSecret, nameof(roomSecret));
        var signalled = await database.QueryAsync(
            """
            WITH updated AS (
                UPDATE {s}.rooms SET status = 1, endpoint = $2, room_secret = $3, expires_at = NULL
                WHERE room_id = $1 AND (expires_at IS NULL OR expires_at > now())
                RETURNING room_id)
            SELECT pg_notify('{signals}', 'ready ' || room_id) FROM updated
            """,
            static async (reader, token) => await reader.ReadAsync(token).ConfigureAwait(false),
            cancellationToken,
            roomId,
            endpoint,
            roomSecret).ConfigureAwait(false);
        return signalled;
    }

    public async Task FailureAsync(string roomId, string reason, CancellationToken cancellationToken)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        DriverArguments.Text(reason, nameof(reason));

        // One statement: the reason is recorded, the room deleted, the removal pushed and the failed signal sent,
        // all at commit. Waiters read the reason from room_failures (NOTIFY carries the id only).
        await database.ExecuteAsync(
            """
            WITH deleted AS (
                DELETE FROM {s}.rooms WHERE room_id = $1
                RETURNING server_id, (expires_at IS NULL OR expires_at > now()) AS live),
            recorded AS (
                INSERT INTO {s}.room_failures (room_id, reason, failed_at) VALUES ($1, $2, now())
                ON CONFLICT (room_id) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at),
            pushed AS (
                INSERT INTO {s}.server_events (server_id, kind, room_id) SELECT server_id, 1, $1 FROM deleted WHERE live)
            SELECT pg_notify('{signals}', 'failed ' || $1)
            """,
            cancellationToken,
            roomId,
            reason).ConfigureAwait(false);
    }

    public Task AddTagsAsync(string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        ArgumentNullException.ThrowIfNull(tags);
        var added = DriverPayloads.TagSet(tags, DriverLimits.MaxRoomTagsBytes);
        return UpdateTagsAsync(roomId, current => current.SetItems(added), cancellationToken);
    }

    public Task RemoveTagsAsync(string roomId, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        var removed = DriverPayloads.TagKeys(keys, nameof(keys));
        return UpdateTagsAsync(roomId, current => current.RemoveRange(removed), cancellationToken);
    }

    private Task UpdateTagsAsync(
        string roomId,
        Func<System.Collections.Immutable.ImmutableDictionary<string, string>, System.Collections.Immutable.ImmutableDictionary<string, string>> change,
        CancellationToken cancellationToken) =>
        TagUpdate.RunAsync(
            database,
            "SELECT tags::text FROM {s}.rooms WHERE room_id = $1 AND (expires_at IS NULL OR expires_at > now()) FOR UPDATE",
            "UPDATE {s}.rooms SET tags = $2::jsonb WHERE room_id = $1",
            roomId,
            change,
            DriverLimits.MaxRoomTagsBytes,
            () => new RoomNotFoundException(roomId),
            cancellationToken);
}
