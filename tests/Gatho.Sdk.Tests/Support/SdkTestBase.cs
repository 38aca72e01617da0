using Gatho.Drivers.Memory;
using Microsoft.Extensions.Time.Testing;

namespace Gatho.Sdk.Tests.Support;

/// <summary>An SDK over a fresh memory driver on a fake clock, plus simulated servers that are cleaned up after the test.</summary>
public abstract class SdkTestBase : IAsyncLifetime
{
    private readonly List<FakeRoomServer> servers = [];

    protected SdkTestBase()
    {
        Driver = new MemoryDriver(timeProvider: Clock);
        Sdk = new GathoSdk(Driver);
    }

    protected FakeTimeProvider Clock { get; } = new();

    protected MemoryDriver Driver { get; }

    protected GathoSdk Sdk { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        await Driver.DisposeAsync();
    }

    protected async Task<FakeRoomServer> StartServerAsync(string serverId, IReadOnlyDictionary<string, string>? tags = null, params string[] roomTypes)
    {
        var server = await FakeRoomServer.StartAsync(Driver, serverId, tags, roomTypes);
        servers.Add(server);
        return server;
    }

    protected static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(10));

    protected static IReadOnlyDictionary<string, string> Tags(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(pair => pair.Key, pair => pair.Value);
}
