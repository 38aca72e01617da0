using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;
using Npgsql;

namespace Gatho.Drivers.Postgres.Records;

/// <summary>
/// Seats under a capacity: reservations, join-or-create and locks. A seat is taken in a transaction that first locks
/// the room row (<c>FOR NO KEY UPDATE</c>, so the room's own connects and foreign-key checks are not blocked) and then
/// counts and inserts in a later statement, whose snapshot — READ COMMITTED takes one per statement — sees every seat
/// committed before the lock was granted. Join-or-create also holds a transaction-scoped advisory lock per room type,
/// so two matchers never both decide to create; it locks every candidate row before it counts.
/// </summary>
internal sealed class SeatStore(PostgresDatabase database, TimeSpan staleServerAfter)
{
    private const string LiveRoom = "(expires_at IS NULL OR expires_at > now())";

    // Counts the room's live seats and inserts the reservation only when one is free: $1 room, $2 client, $3 tags, $4 ttl.
    private const string TakeSeat = """
        WITH room AS (SELECT room_id, max_clients FROM {s}.rooms WHERE room_id = $1),
        seats AS (SELECT count(*)::int AS n FROM {s}.clients WHERE room_id = $1 AND (expires_at IS NULL OR expires_at > now())),
        inserted AS (
            INSERT INTO {s}.clients (client_id, room_id, status, tags, expires_at)
            SELECT $2, room.room_id, 0, $3::jsonb, now() + $4 FROM room, seats
            WHERE room.max_clients IS NULL OR seats.n < room.max_clients
            RETURNING expires_at)
        SELECT now(), (SELECT expires_at FROM inserted)
        """;

    public async Task<ClientReservation> ReserveAsync(ClientReservationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var roomId = DriverArguments.Id(request.RoomId, nameof(request.RoomId));
        var ttl = DriverArguments.Ttl(request.Ttl, nameof(request.Ttl));
        var data = DriverPayloads.JsonObject(request.DataJson, DriverLimits.MaxJoinDataBytes, nameof(request.DataJson));
        var tags = DriverPayloads.TagSet(request.Tags, DriverLimits.MaxClientTagsBytes);
        var clientId = Guid.NewGuid().ToString();

        return await database.InTransactionAsync(
            async (connection, token) =>
            {
                (RoomStatus Status, string? Endpoint, string? Secret, bool Locked, int? Max)? room;
                await using (var select = database.Command(
                    connection,
                    $"SELECT status, endpoint, room_secret, locked, max_clients FROM {{s}}.rooms WHERE room_id = $1 AND {LiveRoom} FOR NO KEY UPDATE",
                    roomId))
                await using (var reader = await select.ExecuteReaderAsync(token).ConfigureAwait(false))
                {
                    room = await reader.ReadAsync(token).ConfigureAwait(false)
                        ? ((RoomStatus)reader.GetInt16(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetInt32(4))
                        : null;
                }

                var found = room ?? throw new RoomNotFoundException(roomId);
                if (found.Status != RoomStatus.Running || found.Endpoint is null || found.Secret is null)
                {
                    throw new RoomNotRunningException(roomId, found.Status);
                }

                if (found.Locked)
                {
                    throw new RoomLockedException(roomId);
                }

                var (at, expires) = await TakeSeatAsync(connection, roomId, clientId, tags, ttl, token).ConfigureAwait(false);
                return new ClientReservation(clientId, roomId, found.Endpoint, found.Secret, data, tags, at, expires ?? throw new RoomFullException(roomId, found.Max ?? 0));
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<MatchedSeat> JoinOrCreateAsync(JoinOrCreateRequest request, CancellationToken cancellationToken)
    {
        var match = MatchRequest.Validate(request);
        var newRoom = match.NewRoom;
        var clientId = Guid.NewGuid().ToString();
        try
        {
            return await database.InTransactionAsync(
                async (connection, token) =>
                {
                    await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", token, $"gatho-match {database.Schema} {newRoom.RoomType}").ConfigureAwait(false);
                    await ExecuteAsync(
                        connection,
                        $"SELECT room_id FROM {{s}}.rooms WHERE room_type = $1 AND tags @> $2::jsonb AND NOT locked AND {LiveRoom} ORDER BY room_id FOR NO KEY UPDATE",
                        token,
                        newRoom.RoomType,
                        TagJson.Serialize(match.TagsEqual)).ConfigureAwait(false);
                    var chosen = await ChooseAsync(connection, newRoom.RoomType, match, token).ConfigureAwait(false);
                    var created = chosen is null;
                    if (created)
                    {
                        await CreateAsync(connection, newRoom, token).ConfigureAwait(false);
                        chosen = (newRoom.RoomId, RoomStatus.Requested, null, null);
                    }

                    var (roomId, status, endpoint, secret) = chosen!.Value;
                    var (at, expires) = await TakeSeatAsync(connection, roomId, clientId, match.ClientTags, match.SeatTtl, token).ConfigureAwait(false);
                    var expiresAt = expires ?? throw new InvalidOperationException($"room {roomId} had no free seat under its lock");
                    var reservation = status == RoomStatus.Running && endpoint is not null && secret is not null
                        ? new ClientReservation(clientId, roomId, endpoint, secret, match.JoinDataJson, match.ClientTags, at, expiresAt)
                        : null;
                    return new MatchedSeat(roomId, clientId, created, expiresAt, reservation);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new ServerNotFoundException(newRoom.ServerId);
        }
    }

    public async Task<ClientReservation?> GetReservationAsync(string clientId, string? dataJson, CancellationToken cancellationToken)
    {
        DriverArguments.Id(clientId, nameof(clientId));
        var data = DriverPayloads.JsonObject(dataJson, DriverLimits.MaxJoinDataBytes, nameof(dataJson));
        var row = await database.QueryAsync(
            """
            SELECT c.room_id, r.status, r.endpoint, r.room_secret, c.tags::text, c.expires_at, now()
            FROM {s}.clients c JOIN {s}.rooms r ON r.room_id = c.room_id
            WHERE c.client_id = $1 AND c.status = 0 AND c.expires_at > now() AND (r.expires_at IS NULL OR r.expires_at > now())
            """,
            static async (reader, token) => await reader.ReadAsync(token).ConfigureAwait(false)
                ? (reader.GetString(0), (RoomStatus)reader.GetInt16(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6))
                : ((string, RoomStatus, string?, string?, string, DateTimeOffset, DateTimeOffset)?)null,
            cancellationToken,
            clientId).ConfigureAwait(false);
        if (row is not { } found)
        {
            return null;
        }

        var (roomId, status, endpoint, secret, tags, expires, now) = found;
        if (status != RoomStatus.Running || endpoint is null || secret is null)
        {
            throw new RoomNotRunningException(roomId, status);
        }

        return new ClientReservation(clientId, roomId, endpoint, secret, data, TagJson.Parse(tags), now, expires);
    }

    public async Task SetLockedAsync(string roomId, bool locked, CancellationToken cancellationToken)
    {
        DriverArguments.Id(roomId, nameof(roomId));
        var updated = await database.ExecuteAsync($"UPDATE {{s}}.rooms SET locked = $2 WHERE room_id = $1 AND {LiveRoom}", cancellationToken, roomId, locked).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new RoomNotFoundException(roomId);
        }
    }

    /// <summary>
    /// The fullest, then oldest, locked candidate with a free seat on a live server (a fresh snapshot, after the row
    /// locks): a room whose server stopped heartbeating would hand out a seat nobody can use.
    /// </summary>
    private async Task<(string RoomId, RoomStatus Status, string? Endpoint, string? Secret)?> ChooseAsync(NpgsqlConnection connection, string roomType, MatchRequest match, CancellationToken token)
    {
        await using var choose = database.Command(
            connection,
            """
            SELECT r.room_id, r.status, r.endpoint, r.room_secret
            FROM {s}.rooms r
            JOIN {s}.servers sv ON sv.server_id = r.server_id AND now() - sv.last_heartbeat <= $3
            LEFT JOIN {s}.clients c ON c.room_id = r.room_id AND (c.expires_at IS NULL OR c.expires_at > now())
            WHERE r.room_type = $1 AND r.tags @> $2::jsonb AND NOT r.locked AND (r.expires_at IS NULL OR r.expires_at > now())
            GROUP BY r.room_id
            HAVING r.max_clients IS NULL OR count(c.client_id) < r.max_clients
            ORDER BY count(c.client_id) DESC, r.seq
            LIMIT 1
            """,
            roomType,
            TagJson.Serialize(match.TagsEqual),
            staleServerAfter);
        await using var reader = await choose.ExecuteReaderAsync(token).ConfigureAwait(false);
        return await reader.ReadAsync(token).ConfigureAwait(false)
            ? (reader.GetString(0), (RoomStatus)reader.GetInt16(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3))
            : null;
    }

    /// <summary>Registers the new room on this transaction, as <see cref="RoomStore.RegisterAsync"/> does.</summary>
    private async Task CreateAsync(NpgsqlConnection connection, RoomRegistration room, CancellationToken token)
    {
        await ExecuteAsync(connection, "DELETE FROM {s}.rooms WHERE room_id = $1 AND expires_at <= now()", token, room.RoomId).ConfigureAwait(false);
        await ExecuteAsync(connection, "DELETE FROM {s}.room_failures WHERE room_id = $1", token, room.RoomId).ConfigureAwait(false);
        await using var insert = database.Command(
            connection,
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
            room.RoomId,
            room.ServerId,
            room.RoomType,
            room.DataJson,
            TagJson.Serialize(room.Tags!),
            room.Ttl,
            room.MaxClients);
        await using var reader = await insert.ExecuteReaderAsync(token).ConfigureAwait(false);
        await reader.ReadAsync(token).ConfigureAwait(false);
        if (!reader.GetBoolean(0))
        {
            throw new ServerNotFoundException(room.ServerId);
        }

        if (!reader.GetBoolean(1))
        {
            throw new RoomExistsException(room.RoomId);
        }
    }

    private async Task<(DateTimeOffset At, DateTimeOffset? Expires)> TakeSeatAsync(
        NpgsqlConnection connection,
        string roomId,
        string clientId,
        IReadOnlyDictionary<string, string> tags,
        TimeSpan ttl,
        CancellationToken token)
    {
        await using var take = database.Command(connection, TakeSeat, roomId, clientId, TagJson.Serialize(tags), ttl);
        await using var reader = await take.ExecuteReaderAsync(token).ConfigureAwait(false);
        await reader.ReadAsync(token).ConfigureAwait(false);
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, string template, CancellationToken token, params object?[] parameters)
    {
        await using var command = database.Command(connection, template, parameters);
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }
}
