using Microsoft.AspNetCore.SignalR;

namespace Gatho.SignalRBaseline;

/// <summary>
/// The reference room's semantics as a hub: <see cref="Echo"/> sends the payload back to its caller, <see cref="Broadcast"/>
/// sends it to every connection (the caller included), both as the client method <c>m</c>. The payload is opaque bytes,
/// as in a Gatho binary frame.
/// </summary>
public sealed class LoadHub : Hub
{
    /// <summary>The client method every delivery calls.</summary>
    public const string Delivery = "m";

    /// <summary>Sends <paramref name="payload"/> back to the caller.</summary>
    public Task Echo(byte[] payload) => Clients.Caller.SendAsync(Delivery, payload);

    /// <summary>Sends <paramref name="payload"/> to every connected client.</summary>
    public Task Broadcast(byte[] payload) => Clients.All.SendAsync(Delivery, payload);
}
