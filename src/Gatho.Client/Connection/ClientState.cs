namespace Gatho.Client;

/// <summary>
/// Where a <see cref="GathoClient"/> is in its life (gatho-behaviour §4.1): <see cref="Connecting"/> →
/// <see cref="Open"/> → (<see cref="Reconnecting"/> ⇄ <see cref="Open"/>) → <see cref="Closed"/>.
/// </summary>
public enum ClientState
{
    /// <summary>Created, or dialling the room for the first time; open only once the room sends <c>session</c>.</summary>
    Connecting,

    /// <summary>In the room: messages flow.</summary>
    Open,

    /// <summary>The connection dropped; the client is resuming its session with backoff.</summary>
    Reconnecting,

    /// <summary>Terminal: the client will not connect again; <see cref="GathoClient.Closed"/> has been raised.</summary>
    Closed,
}
