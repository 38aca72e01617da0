using Gatho.Drivers.Errors;
using Gatho.Drivers.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gatho.Drivers.Conformance.Postgres;

// AddGathoPostgresDriver: one instance for the server and the SDK, options checked at registration, a container's
// NpgsqlDataSource used (and left to the container) when no connection string is given. No database is needed:
// the driver connects on first use.
public sealed class PostgresDriverRegistrationTests
{
    [Fact]
    public async Task One_instance_is_registered_as_both_PostgresDriver_and_IDriver()
    {
        await using var provider = new ServiceCollection()
            .AddGathoPostgresDriver("Host=127.0.0.1;Port=1", options => options.Schema = "cluster_a")
            .BuildServiceProvider();

        var driver = provider.GetRequiredService<PostgresDriver>();

        Assert.Same(driver, provider.GetRequiredService<IDriver>());
        Assert.Equal("cluster_a", driver.Options.Schema);
        Assert.False(driver.IsLocal);
    }

    [Fact]
    public void Registering_a_second_driver_throws_DriverConfig()
    {
        var services = new ServiceCollection().AddGathoMemoryDriver();

        var error = Assert.Throws<DriverConfigException>(() => services.AddGathoPostgresDriver("Host=127.0.0.1"));

        Assert.Equal(nameof(IDriver), error.Setting);
    }

    [Fact]
    public void Unusable_options_throw_at_registration()
    {
        var error = Assert.Throws<DriverConfigException>(
            () => new ServiceCollection().AddGathoPostgresDriver("Host=127.0.0.1", options => options.LeaderLease = TimeSpan.Zero));

        Assert.Equal(nameof(PostgresDriverOptions.LeaderLease), error.Setting);
    }

    [Fact]
    public async Task Without_a_connection_string_the_containers_data_source_is_used_and_left_open()
    {
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1");
        var provider = new ServiceCollection()
            .AddSingleton(dataSource)
            .AddGathoPostgresDriver(_ => { })
            .BuildServiceProvider();

        var driver = provider.GetRequiredService<IDriver>();
        await driver.DisposeAsync();

        using var connection = dataSource.CreateConnection(); // not disposed with the driver
        Assert.Equal("Host=127.0.0.1;Port=1", dataSource.ConnectionString);
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task Without_a_connection_string_or_data_source_resolving_throws_DriverConfig()
    {
        await using var provider = new ServiceCollection().AddGathoPostgresDriver(_ => { }).BuildServiceProvider();

        var error = Assert.Throws<DriverConfigException>(() => provider.GetRequiredService<IDriver>());

        Assert.Equal(nameof(PostgresDriverOptions.ConnectionString), error.Setting);
    }
}
