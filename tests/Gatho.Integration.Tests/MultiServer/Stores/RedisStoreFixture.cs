using Gatho.TestSupport.Stores;

namespace Gatho.Integration.Tests.MultiServer.Stores;

/// <summary>A private redis-server (no persistence) as the store of a multi-process run.</summary>
public sealed class RedisStoreFixture : IStoreFixture
{
    private RedisServerProcess? redis;

    public string Name => "redis";

    public IReadOnlyDictionary<string, string> ChildEnvironment => new Dictionary<string, string>
    {
        ["GATHO_TEST_STORE"] = "redis",
        ["GATHO_TEST_STORE_CONNECTION"] = Running.ConnectionString,
    };

    private RedisServerProcess Running => redis ?? throw new InvalidOperationException("the Redis store is not started");

    public async Task StartAsync() => redis = await RedisServerProcess.StartAsync();

    public Task KillAsync() => Running.KillAsync();

    public Task RestartEmptyAsync() => Running.RestartAsync();

    public void Pause() => Running.Pause();

    public void Resume() => Running.Resume();

    public async ValueTask DisposeAsync()
    {
        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }
}
