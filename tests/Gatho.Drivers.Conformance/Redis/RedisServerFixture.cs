using Gatho.TestSupport.Stores;

namespace Gatho.Drivers.Conformance.Redis;

/// <summary>One private redis-server for the Redis conformance class; each test gets its own key prefix in it.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    /// <summary>The running server, or null when redis-server is not installed.</summary>
    public RedisServerProcess? Server { get; private set; }

    public async Task InitializeAsync()
    {
        if (RedisServerProcess.IsAvailable)
        {
            Server = await RedisServerProcess.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
