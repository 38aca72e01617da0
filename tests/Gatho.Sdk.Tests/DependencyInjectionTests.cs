using Gatho.Drivers;
using Gatho.Drivers.Errors;
using Gatho.Drivers.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gatho.Sdk.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task The_memory_driver_is_one_instance_shared_by_IDriver_and_the_sdk_and_uses_the_containers_clock()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddGathoMemoryDriver(options => options.StaleServerAfter = TimeSpan.FromSeconds(5))
            .AddGathoSdk();
        await using var provider = services.BuildServiceProvider();

        var memory = provider.GetRequiredService<MemoryDriver>();
        var sdk = provider.GetRequiredService<GathoSdk>();

        Assert.Same(memory, provider.GetRequiredService<IDriver>());
        Assert.Same(memory, sdk.Driver);
        Assert.Equal(TimeSpan.FromSeconds(5), memory.StaleServerAfter);
        await memory.HeartbeatAsync(new Drivers.Model.ServerHeartbeat("server-1", "http://10.0.0.1:3000", Drivers.Model.Tags.None, ["chat"]));
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Empty(await sdk.GetServersAsync());
    }

    [Fact]
    public async Task Resolving_the_sdk_without_a_driver_throws_DriverConfig()
    {
        await using var provider = new ServiceCollection().AddGathoSdk().BuildServiceProvider();

        var error = Assert.Throws<DriverConfigException>(() => provider.GetRequiredService<GathoSdk>());

        Assert.Contains("AddGathoMemoryDriver", error.Message);
    }

    [Fact]
    public void Registering_a_second_driver_throws_DriverConfig()
    {
        var services = new ServiceCollection().AddGathoMemoryDriver();

        var error = Assert.Throws<DriverConfigException>(() => services.AddGathoMemoryDriver());

        Assert.Equal("IDriver", error.Setting);
    }

    [Fact]
    public void Unusable_memory_driver_options_fail_at_registration()
    {
        var error = Assert.Throws<DriverConfigException>(() => new ServiceCollection().AddGathoMemoryDriver(options => options.PruneInterval = TimeSpan.Zero));

        Assert.Equal("PruneInterval", error.Setting);
    }
}
