namespace Gatho;

/// <summary>The clients of a room, including those held in a reconnection window. Iterate it with <c>foreach</c>.</summary>
public interface IRoomClients : IReadOnlyCollection<IRoomClient>
{
    /// <summary>The client with <paramref name="clientId"/>, or null.</summary>
    IRoomClient? Get(string clientId);

    /// <summary>True when a client with <paramref name="clientId"/> is in the room.</summary>
    bool Has(string clientId);

    /// <summary>The ids of every client, in join order.</summary>
    IReadOnlyList<string> Ids { get; }
}
