using Gatho.Drivers;
using Gatho.Drivers.Errors;
using Gatho.Drivers.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

// Extension methods for IServiceCollection conventionally live in this namespace, so they show up without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis driver.</summary>
public static class RedisDriverServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="RedisDriver"/> as a singleton, also resolvable as <see cref="IDriver"/>, connecting to
    /// <paramref name="connectionString"/>. Uses the container's <see cref="TimeProvider"/> and logger factory when
    /// registered. Options are validated here, not at first use.
    /// </summary>
    /// <exception cref="DriverConfigException">An option is unusable, or another <see cref="IDriver"/> is already registered.</exception>
    public static IServiceCollection AddGathoRedisDriver(this IServiceCollection services, string connectionString, Action<RedisDriverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return services.AddGathoRedisDriver(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Registers one <see cref="RedisDriver"/> configured by <paramref name="configure"/>. When the options name no
    /// connection, the container's <see cref="IConnectionMultiplexer"/> is used (and not disposed by the driver).
    /// </summary>
    /// <exception cref="DriverConfigException">An option is unusable, or another <see cref="IDriver"/> is already registered.</exception>
    public static IServiceCollection AddGathoRedisDriver(this IServiceCollection services, Action<RedisDriverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        DriverRegistration.ThrowIfDriverRegistered(services);

        var options = new RedisDriverOptions();
        configure(options);
        var ownConnection = options.Configuration is not null || !string.IsNullOrWhiteSpace(options.ConnectionString);
        options.Validate(requireConnection: false);

        return DriverRegistration.AddDriver(services, provider =>
        {
            var time = provider.GetService<TimeProvider>();
            var logger = provider.GetService<ILogger<RedisDriver>>();
            if (ownConnection)
            {
                return new RedisDriver(options, time, logger);
            }

            var connection = provider.GetService<IConnectionMultiplexer>()
                ?? throw new DriverConfigException(nameof(RedisDriverOptions.ConnectionString), "(none)", "set a connection string or register an IConnectionMultiplexer");
            return new RedisDriver(connection, options, time, logger);
        });
    }
}
