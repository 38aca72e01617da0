using Gatho.Drivers.Conformance.Suite;
using Gatho.Drivers.Postgres;
using Gatho.TestSupport.Skipping;
using Gatho.TestSupport.Stores;

namespace Gatho.Drivers.Conformance.Postgres;

/// <summary>
/// The PostgreSQL driver against the shared suite, over a real cluster the fixture created with initdb. Leases are
/// database time (now()), which a test cannot move, so time passes for real here: staleness is shortened to five
/// seconds to keep that short, with room to spare for a loaded machine. Every test gets a fresh schema, so tests
/// share the cluster but never each other's tables or channels.
/// </summary>
[SkipUnless(typeof(PostgresInstalled))]
public sealed partial class PostgresDriverConformance : DriverConformanceSuite, IClassFixture<PostgresServerFixture>
{
    private readonly PostgresServerFixture postgres;

    public PostgresDriverConformance(PostgresServerFixture postgres)
    {
        this.postgres = postgres;
    }

    protected override TimeSpan StaleServerAfter => TimeSpan.FromSeconds(5);

    protected override Task<IDriver> CreateDriverAsync(TimeSpan staleServerAfter)
    {
        var server = postgres.RequireServer();
        var options = new PostgresDriverOptions { Schema = PostgresServerFixture.NewSchema(), StaleServerAfter = staleServerAfter };
        return Task.FromResult<IDriver>(new PostgresDriver(server.ConnectionString, options));
    }

    protected override Task AdvanceTimeAsync(TimeSpan by) => Task.Delay(by);
}
