namespace Gatho.Integration.Tests.MultiServer.Stores;

/// <summary>
/// The backing store of a multi-process run (Redis, PostgreSQL…), owned by the test: started fresh and empty on a
/// free loopback port, and broken on purpose. Child processes (servers, the SDK) learn how to reach it from
/// <see cref="ChildEnvironment"/>, which Gatho.TestServer's <c>StoreDrivers</c> turns into a driver.
/// </summary>
public interface IStoreFixture : IAsyncDisposable
{
    /// <summary>Short name for messages, e.g. <c>redis</c>.</summary>
    string Name { get; }

    /// <summary>Variables that tell a child process which driver to build and where the store is.</summary>
    IReadOnlyDictionary<string, string> ChildEnvironment { get; }

    /// <summary>Starts an empty store.</summary>
    Task StartAsync();

    /// <summary>SIGKILLs the store process.</summary>
    Task KillAsync();

    /// <summary>Starts the store again after <see cref="KillAsync"/>, on the same address and empty (no persistence).</summary>
    Task RestartEmptyAsync();

    /// <summary>SIGSTOPs the store: connections stay open, nothing answers.</summary>
    void Pause();

    /// <summary>SIGCONTs the store after <see cref="Pause"/>.</summary>
    void Resume();
}
