using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;
using Npgsql;

namespace Gatho.Drivers.Postgres.Records;

/// <summary>
/// Client records: a seat is reserved by one statement that checks the room and inserts the client together, so a
/// room deleted or not yet running in between cannot get a seat; connects are one upsert.
/// </summary>
internal sealed class ClientStore(PostgresDatabase database)
{
    public async Task<ClientReservation> ReserveAsync(ClientReservationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var roomId = DriverArguments.Id(request.RoomId, nameof(request.RoomId));
        var ttl = DriverArguments.Ttl(request.Ttl, nameof(request.Ttl));
        var data = DriverPayloads.JsonObject(request.DataJson, DriverLimits.MaxJoinDataBytes, nameof(request.DataJson));
        var tags = DriverPayloads.TagSet(request.Tags, DriverLimits.MaxClientTagsBytes);
        var clientId = Guid.NewGuid().ToString();

        (bool Found, RoomStatus Status, string? Endpoint, string? Secret, DateTimeOffset At, DateTimeOffset Expires) row;
        try
        {
            row = await database.QueryAsync(
                """
                WITH room AS (
                    SELECT room_id, status, endpoint, room_secret FROM {s}.rooms
                    WHERE room_id = $1 AND (expires_at IS NULL OR expires_at > now()) FOR KEY SHARE),
                inserted AS (
                    INSERT INTO {s}.clients (client_id, room_id, status, tags, expires_at)
                    SELECT $2, room_id, 0, $3::jsonb, now() + $4 FROM room
                    WHERE status = 1 AND endpoint IS NOT NULL AND room_secret IS NOT NULL
                    RETURNING expires_at)
                SELECT room.status, room.endpoint, room.room_secret, now(), inserted.expires_at
                FROM room LEFT JOIN inserted ON true
                """,
                static async (reader, token) =>
                {
                    if (!await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        return default;
                    }

                    return (true,
                        (RoomStatus)reader.GetInt16(0),
                        reader.IsDBNull(1) ? null : reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.GetFieldValue<DateTimeOffset>(3),
                        reader.IsDBNull(4) ? default : reader.GetFieldValue<DateTimeOffset>(4));
                },
                cancellationToken,
                roomId,
                clientId,
                TagJson.Serialize(tags),
                ttl).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new RoomNotFoundException(roomId);
        }

        if (!row.Found)
        {
            throw new RoomNotFoundException(roomId);
        }

        if (row.Status != RoomStatus.Running || row.Endpoint is null || row.Secret is null)
        {
            throw new RoomNotRunningException(roomId, row.Status);
        }

        return new ClientReservation(clientId, roomId, row.Endpoint, row.Secret, data, tags, row.At, row.Expires);
    }

    public async Task ConnectAsync(string clientId, string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        DriverArguments.Id(clientId, nameof(clientId));
        DriverArguments.Id(roomId, nameof(roomId));
        ArgumentNullException.ThrowIfNull(tags);
        var validTags = DriverPayloads.TagSet(tags, DriverLimits.MaxClientTagsBytes);

        bool found;
        try
        {
            // A full upsert: it also moves a client recorded in another room and heals a lapsed reservation.
            found = await database.ScalarAsync<bool>(
                """
                WITH room AS (
                    SELECT room_id FROM {s}.rooms
                    WHERE room_id = $2 AND (expires_at IS NULL OR expires_at > now()) FOR KEY SHARE),
                upserted AS (
                    INSERT INTO {s}.clients (client_id, room_id, status, tags, connected_at, expires_at)
                    SELECT $1, room_id, 1, $3::jsonb, now(), NULL FROM room
                    ON CONFLICT (client_id) DO UPDATE
                    SET room_id = excluded.room_id, status = 1, tags = excluded.tags, connected_at = excluded.connected_at, expires_at = NULL)
                SELECT EXISTS (SELECT 1 FROM room)
                """,
                cancellationToken,
                clientId,
                roomId,
                TagJson.Serialize(validTags)).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new RoomNotFoundException(roomId);
        }

        if (!found)
        {
            throw new RoomNotFoundException(roomId);
        }
    }

    public async Task<bool> DisconnectAsync(string clientId, CancellationToken cancellationToken)
    {
        DriverArguments.Id(clientId, nameof(clientId));

        // A lapsed reservation, or a client of a lapsed room, counts as already gone (the memory driver swept it).
        return await database.ScalarAsync<bool>(
            """
            WITH deleted AS (
                DELETE FROM {s}.clients c WHERE c.client_id = $1
                RETURNING (c.expires_at IS NULL OR c.expires_at > now())
                    AND EXISTS (SELECT 1 FROM {s}.rooms r WHERE r.room_id = c.room_id AND (r.expires_at IS NULL OR r.expires_at > now())) AS live)
            SELECT live FROM deleted
            """,
            cancellationToken,
            clientId).ConfigureAwait(false);
    }
}
