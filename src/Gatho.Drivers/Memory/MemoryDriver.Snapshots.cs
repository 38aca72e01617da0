using Gatho.Drivers.Model;

namespace Gatho.Drivers.Memory;

// Immutable views of the records, built under the lock and safe to hand out.
public sealed partial class MemoryDriver
{
    private RoomInfo Snapshot(RoomRecord room)
    {
        var roomClients = new List<ClientInfo>(room.ClientIds.Count);
        foreach (var clientId in room.ClientIds.Order(StringComparer.Ordinal))
        {
            var client = clients[clientId];
            roomClients.Add(new ClientInfo(client.ClientId, client.Status, client.Tags, client.ConnectedAt));
        }

        return new RoomInfo(
            room.RoomId,
            room.RoomType,
            room.ServerId,
            room.Status,
            room.Endpoint,
            roomClients,
            room.DataJson,
            room.Tags,
            room.CreatedAt)
        {
            MaxClients = room.MaxClients,
            Locked = room.Locked,
        };
    }

    private ServerInfo Snapshot(ServerRecord server) =>
        new(
            server.ServerId,
            server.Endpoint,
            server.LastHeartbeat,
            RoomsOf(server).Select(Snapshot).ToList(),
            server.Tags,
            server.RoomTypes);

    private IEnumerable<RoomRecord> RoomsOf(ServerRecord server) =>
        server.RoomIds.Select(id => rooms[id]).OrderBy(room => room.Sequence);
}
