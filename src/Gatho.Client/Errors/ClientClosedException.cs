using Gatho.Protocol.Errors;

namespace Gatho.Client;

/// <summary>The client closed before the awaited thing happened (e.g. <see cref="GathoClient.ConnectAsync"/> never opened).</summary>
public sealed class ClientClosedException : GathoException
{
    /// <summary>Creates the error from how the client closed.</summary>
    public ClientClosedException(ClientCloseInfo info)
        : base("client-closed", $"the client closed: {info}")
    {
        Info = info;
    }

    /// <summary>How the client closed.</summary>
    public ClientCloseInfo Info { get; }
}

/// <summary>The room sent something this client cannot accept; the client closes with 1002 (or 1009).</summary>
public sealed class ClientProtocolException : GathoException
{
    /// <summary>Creates the error describing what the room sent.</summary>
    public ClientProtocolException(string message)
        : base("protocol-error", message)
    {
    }
}
