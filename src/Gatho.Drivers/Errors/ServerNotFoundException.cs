using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Errors;

/// <summary>No server with this id is registered in the driver (never registered, unregistered, or reaped).</summary>
public sealed class ServerNotFoundException : GathoException
{
    /// <summary>Creates the error for <paramref name="serverId"/>.</summary>
    public ServerNotFoundException(string serverId)
        : base("server-not-found", $"server {serverId} not found")
    {
        ServerId = serverId;
    }

    /// <summary>The server that was looked for.</summary>
    public string ServerId { get; }
}
