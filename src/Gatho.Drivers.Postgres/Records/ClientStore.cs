using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;
using Npgsql;

namespace Gatho.Drivers.Postgres.Records;

/// <summary>
/// Client records: connects are one upsert, disconnects one delete. Seats (reservations) are <see cref="SeatStore"/>'s.
/// </summary>
internal sealed class ClientStore(PostgresDatabase database)
{
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
