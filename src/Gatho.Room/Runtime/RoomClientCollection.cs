using System.Collections;

namespace Gatho.Room.Runtime;

/// <summary>The room's clients in join order, including those held in a reconnection window.</summary>
internal sealed class RoomClientCollection : IRoomClients
{
    private readonly OrderedDictionary<string, RoomClient> clients = new(StringComparer.Ordinal);

    public int Count => clients.Count;

    public IReadOnlyList<string> Ids => clients.Keys.ToArray();

    public IRoomClient? Get(string clientId) => clients.TryGetValue(clientId, out var client) ? client : null;

    public bool Has(string clientId) => clients.ContainsKey(clientId);

    public IEnumerator<IRoomClient> GetEnumerator()
    {
        // A snapshot, so room code may disconnect clients while iterating.
        foreach (var client in clients.Values.ToArray())
        {
            yield return client;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal IList<RoomClient> Values => clients.Values;

    /// <summary>The client at <paramref name="index"/> in join order: the hot paths walk clients by index, with no enumerator.</summary>
    internal RoomClient At(int index) => clients.GetAt(index).Value;

    internal bool TryGet(string clientId, out RoomClient client) => clients.TryGetValue(clientId, out client!);

    internal void Add(RoomClient client) => clients.Add(client.Id, client);

    internal void Remove(RoomClient client)
    {
        if (clients.TryGetValue(client.Id, out var existing) && ReferenceEquals(existing, client))
        {
            clients.Remove(client.Id);
        }
    }

    internal RoomClient[] Snapshot() => clients.Values.ToArray();

    internal void Clear() => clients.Clear();
}
