namespace Gatho.LoadTest.Connections;

/// <summary>Called with each message a load connection receives (the payload only, no frame type byte).</summary>
/// <param name="message">Valid only during the call.</param>
public delegate void DeliveryHandler(ReadOnlySpan<byte> message);

/// <summary>
/// One load client as the built-in scenarios drive it, whatever is on the other end: a Gatho room through
/// <see cref="Gatho.Client.GathoClient"/>, a room through a bare WebSocket (protocol v1, the "server-bound" driver), or
/// the SignalR baseline hub. Messages are the scenarios' <see cref="Scenarios.Payload"/>; the first byte tells the room
/// (or hub) to echo or broadcast. Deliveries of one connection are raised one at a time.
/// </summary>
public interface ILoadConnection : IAsyncDisposable
{
    /// <summary>The client's index in the run (0-based), also its sender number in payloads.</summary>
    int Index { get; }

    /// <summary>Where deliveries go; set before connecting.</summary>
    DeliveryHandler? OnDelivery { get; set; }

    /// <summary>Resumes after a dropped socket so far.</summary>
    long Reconnects { get; }

    /// <summary>True while the connection is open (for the idle scenario's check that every client is still there).</summary>
    bool IsConnected { get; }

    /// <summary>Whether <see cref="Cut"/> is supported (a Gatho client, which resumes).</summary>
    bool CanCut { get; }

    /// <summary>Connects (and, for a room, is admitted).</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Sends one reliable message; the bytes may be reused once this returns.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Drops the TCP connection without a close handshake (the client should resume).</summary>
    void Cut();

    /// <summary>Leaves (consented close) and waits for the close.</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}
