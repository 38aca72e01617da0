using Gatho.Protocol.Errors;

namespace Gatho.Room.Hosting;

/// <summary>The room cannot start with the configuration it was given (no managed context, no secret, bad option…).</summary>
public sealed class RoomConfigurationException : GathoException
{
    /// <summary>Creates the error with what is wrong and how to fix it.</summary>
    public RoomConfigurationException(string message)
        : base("room-config", message)
    {
    }
}
