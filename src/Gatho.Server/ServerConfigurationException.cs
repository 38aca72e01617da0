using Gatho.Protocol.Errors;

namespace Gatho.Server;

/// <summary>The server cannot start with the options it was given.</summary>
public sealed class ServerConfigurationException : GathoException
{
    /// <summary>Creates the error with what is wrong and how to fix it.</summary>
    public ServerConfigurationException(string message)
        : base("server-config", message)
    {
    }
}
