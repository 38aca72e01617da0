using Gatho.Drivers;

namespace Gatho.Server;

/// <summary>Validates <see cref="GathoServerOptions"/> up front, naming the bad value.</summary>
internal static class ServerOptionChecks
{
    public static IDriver Validate(GathoServerOptions options)
    {
        var driver = options.Driver ?? throw new ServerConfigurationException("no driver: set GathoServerOptions.Driver (or register one in DI with AddGathoMemoryDriver)");
        if (options.Rooms.Count == 0)
        {
            throw new ServerConfigurationException("no room types: add at least one runner to GathoServerOptions.Rooms");
        }

        foreach (var type in options.Rooms.Keys)
        {
            if (string.IsNullOrWhiteSpace(type))
            {
                throw new ServerConfigurationException($"room type \"{type}\" must be a non-empty name");
            }
        }

        if (!driver.IsLocal && options.ServerEndpoint is null && options.Host is "0.0.0.0" or "::" or "*" or "")
        {
            throw new ServerConfigurationException(
                $"serverEndpoint is required with a networked driver when the server binds a wildcard host (\"{options.Host}\"): " +
                "every server would publish the same unroutable address and evict the others");
        }

        Positive(options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        Positive(options.LeaderInterval, nameof(options.LeaderInterval));
        Positive(options.RoomStartupTimeout, nameof(options.RoomStartupTimeout));
        Positive(options.RoomStallTimeout, nameof(options.RoomStallTimeout));
        Positive(options.DrainTimeout, nameof(options.DrainTimeout));
        Positive(options.RoomStopGrace, nameof(options.RoomStopGrace));
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be 0-65535");
        }

        if (options.MaxNotifyFrameBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxNotifyFrameBytes, "MaxNotifyFrameBytes must be positive");
        }

        if (string.IsNullOrWhiteSpace(options.SocketDirectory))
        {
            throw new ServerConfigurationException("SocketDirectory must be a directory path");
        }

        return driver;
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }
}
