using Gatho.Drivers.Model;
using Npgsql;

namespace Gatho.Drivers.Postgres.Records;

/// <summary>
/// The one SELECT shape for rooms with their live clients (a room row joined to each client, oldest room first), and
/// how its rows become <see cref="RoomInfo"/> snapshots.
/// </summary>
internal static class RoomRows
{
    /// <summary>Rooms (alias r) that have not lapsed, each joined to its clients that have not lapsed. Append AND-ed conditions on r, then <see cref="OrderBy"/>.</summary>
    public const string Select = """
        SELECT r.room_id, r.room_type, r.server_id, r.status, r.endpoint, r.room_secret, r.data, r.tags::text, r.created_at,
               c.client_id, c.status, c.tags::text, c.connected_at, r.max_clients, r.locked
        FROM {s}.rooms r
        LEFT JOIN {s}.clients c ON c.room_id = r.room_id AND (c.expires_at IS NULL OR c.expires_at > now())
        WHERE (r.expires_at IS NULL OR r.expires_at > now())
        """;

    /// <summary>Oldest room first; clients by id in ordinal order (COLLATE "C": the database's collation may not be).</summary>
    public const string OrderBy = " ORDER BY r.seq, c.client_id COLLATE \"C\"";

    /// <summary>Reads every row of <see cref="Select"/> into rooms, in row order.</summary>
    public static async Task<List<RoomInfo>> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rooms = new List<RoomInfo>();
        RoomInfo? current = null;
        List<ClientInfo>? clients = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var roomId = reader.GetString(0);
            if (current?.RoomId != roomId)
            {
                clients = [];
                current = new RoomInfo(
                    roomId,
                    reader.GetString(1),
                    reader.GetString(2),
                    (RoomStatus)reader.GetInt16(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    // Column 5 is the seat secret: never part of a public model (issue 17, defect 4).
                    clients,
                    reader.GetString(6),
                    TagJson.Parse(reader.GetString(7)),
                    reader.GetFieldValue<DateTimeOffset>(8))
                {
                    MaxClients = reader.IsDBNull(13) ? null : reader.GetInt32(13),
                    Locked = reader.GetBoolean(14),
                };
                rooms.Add(current);
            }

            if (!reader.IsDBNull(9))
            {
                clients!.Add(new ClientInfo(
                    reader.GetString(9),
                    (ClientStatus)reader.GetInt16(10),
                    TagJson.Parse(reader.GetString(11)),
                    reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12)));
            }
        }

        return rooms;
    }
}
