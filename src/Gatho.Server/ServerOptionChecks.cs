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

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.HeartbeatInterval, TimeSpan.Zero, nameof(options.HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.LeaderInterval, TimeSpan.Zero, nameof(options.LeaderInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RoomStartupTimeout, TimeSpan.Zero, nameof(options.RoomStartupTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RoomStallTimeout, TimeSpan.Zero, nameof(options.RoomStallTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.DrainTimeout, TimeSpan.Zero, nameof(options.DrainTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RoomStopGrace, TimeSpan.Zero, nameof(options.RoomStopGrace));
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be 0-65535");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxNotifyFrameBytes, nameof(options.MaxNotifyFrameBytes));

        if (string.IsNullOrWhiteSpace(options.SocketDirectory))
        {
            throw new ServerConfigurationException("SocketDirectory must be a directory path");
        }

        return driver;
    }
}
