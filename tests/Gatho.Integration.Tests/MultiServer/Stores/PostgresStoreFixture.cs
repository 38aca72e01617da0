using Gatho.TestSupport.Stores;

namespace Gatho.Integration.Tests.MultiServer.Stores;

/// <summary>
/// A private PostgreSQL cluster (initdb in a temp directory, durability off) as the store of a multi-process run.
/// The children connect with short timeouts so a killed or frozen cluster is noticed within seconds; an empty
/// restart is a fresh initdb on the same port, so the drivers must create their schema again.
/// </summary>
public sealed class PostgresStoreFixture : IStoreFixture
{
    private PostgresServerProcess? postgres;

    public string Name => "postgres";

    public IReadOnlyDictionary<string, string> ChildEnvironment => new Dictionary<string, string>
    {
        ["GATHO_TEST_STORE"] = "postgres",
        ["GATHO_TEST_STORE_CONNECTION"] = Running.ConnectionStringWithTimeouts(connectSeconds: 5, commandSeconds: 5),
    };

    private PostgresServerProcess Running => postgres ?? throw new InvalidOperationException("the PostgreSQL store is not started");

    public async Task StartAsync() => postgres = await PostgresServerProcess.StartAsync();

    public Task KillAsync() => Running.KillAsync();

    public Task RestartEmptyAsync() => Running.RestartEmptyAsync();

    public void Pause() => Running.Pause();

    public void Resume() => Running.Resume();

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }
}
