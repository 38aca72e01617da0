using System.Globalization;
using Gatho.Drivers;
using Gatho.Drivers.Postgres;
using Gatho.Drivers.Redis;
using StackExchange.Redis;

namespace Gatho.TestServer.MultiServer;

/// <summary>
/// The driver a multi-process test asked for, from the environment the test's store fixture handed down:
/// <c>GATHO_TEST_STORE</c> (<c>redis</c> or <c>postgres</c>; other stores add their case here), <c>GATHO_TEST_STORE_CONNECTION</c> and
/// <c>GATHO_TEST_STALE_MS</c> (the lease: servers stale after it, leader lease and retention equal to it).
/// </summary>
internal static class StoreDrivers
{
    public static TimeSpan Lease => TimeSpan.FromMilliseconds(int.Parse(Variable("GATHO_TEST_STALE_MS"), CultureInfo.InvariantCulture));

    public static IDriver Create()
    {
        var store = Variable("GATHO_TEST_STORE");
        var connection = Variable("GATHO_TEST_STORE_CONNECTION");
        switch (store)
        {
            case "redis":
                var configuration = ConfigurationOptions.Parse(connection);

                // A killed or paused Redis must be noticed and redialled fast; the defaults back off for seconds.
                configuration.ReconnectRetryPolicy = new LinearRetry(250);
                configuration.ConnectTimeout = 2000;
                configuration.AsyncTimeout = 2000;
                configuration.SyncTimeout = 2000;
                return new RedisDriver(new RedisDriverOptions { Configuration = configuration, StaleServerAfter = Lease });
            case "postgres":
                // The listener must notice a killed or frozen PostgreSQL and come back fast; the connection string
                // carries short connect and command timeouts for the same reason.
                return new PostgresDriver(connection, new PostgresDriverOptions
                {
                    StaleServerAfter = Lease,
                    LeaderLease = Lease,
                    ListenerReconnectDelay = TimeSpan.FromMilliseconds(100),
                    ListenerMaxReconnectDelay = TimeSpan.FromMilliseconds(500),
                    ListenerProbeInterval = TimeSpan.FromSeconds(1),
                });
            default:
                throw new InvalidOperationException($"GATHO_TEST_STORE \"{store}\" is not a store this test process knows");
        }
    }

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set");
}
