using Gatho.Drivers;
using Gatho.Drivers.Errors;
using Gatho.Drivers.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

// Extension methods for IServiceCollection conventionally live in this namespace, so they show up without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL driver.</summary>
public static class PostgresDriverServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="PostgresDriver"/> over <paramref name="connectionString"/> as a singleton, also
    /// resolvable as <see cref="IDriver"/>. Uses the container's <see cref="TimeProvider"/> and logger factory when
    /// registered. Options are validated here, not at first use.
    /// </summary>
    /// <exception cref="DriverConfigException">An option is unusable, or another <see cref="IDriver"/> is already registered.</exception>
    public static IServiceCollection AddGathoPostgresDriver(this IServiceCollection services, string connectionString, Action<PostgresDriverOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddGathoPostgresDriver(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Registers one <see cref="PostgresDriver"/> as a singleton, also resolvable as <see cref="IDriver"/>: over
    /// <see cref="PostgresDriverOptions.ConnectionString"/> when it is set, else over the <see cref="NpgsqlDataSource"/>
    /// registered in the container (which then stays the container's to dispose).
    /// </summary>
    /// <exception cref="DriverConfigException">An option is unusable, or another <see cref="IDriver"/> is already registered.</exception>
    public static IServiceCollection AddGathoPostgresDriver(this IServiceCollection services, Action<PostgresDriverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        DriverRegistration.ThrowIfDriverRegistered(services);

        var options = new PostgresDriverOptions();
        configure(options);
        options.Validate();

        return DriverRegistration.AddDriver(services, provider =>
        {
            var time = provider.GetService<TimeProvider>();
            var loggers = provider.GetService<ILoggerFactory>();
            if (options.ConnectionString is { } connectionString)
            {
                return new PostgresDriver(connectionString, options, time, loggers);
            }

            var dataSource = provider.GetService<NpgsqlDataSource>()
                ?? throw new DriverConfigException(nameof(PostgresDriverOptions.ConnectionString), "(not set)", "set a connection string or register an NpgsqlDataSource in the container");
            return new PostgresDriver(dataSource, options, time, loggers);
        });
    }
}
