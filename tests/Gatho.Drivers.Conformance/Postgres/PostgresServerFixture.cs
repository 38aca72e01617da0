using Gatho.TestSupport.Stores;

namespace Gatho.Drivers.Conformance.Postgres;

/// <summary>One private PostgreSQL cluster for the PostgreSQL conformance class; each test gets its own schema in it.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    /// <summary>The running cluster, or null when PostgreSQL is not usable here (<see cref="PostgresServerProcess.MissingReason"/>).</summary>
    public PostgresServerProcess? Server { get; private set; }

    public async Task InitializeAsync()
    {
        if (PostgresServerProcess.MissingReason is null)
        {
            Server = await PostgresServerProcess.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>The cluster (the class is skipped with the reason when PostgreSQL is missing, so it is there when a test runs).</summary>
    public PostgresServerProcess RequireServer() =>
        Server ?? throw new InvalidOperationException(PostgresServerProcess.MissingReason);

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N");
}
