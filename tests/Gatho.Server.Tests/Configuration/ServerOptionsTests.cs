using Gatho.Drivers.Memory;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Configuration;

/// <summary>
/// Options are checked before anything binds (gatho-behaviour §7.1 "wildcard-endpoint", DESIGN D10): a networked
/// driver with a wildcard host and no endpoint would make every server publish the same unroutable address.
/// </summary>
public sealed class ServerOptionsTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("")]
    [InlineData("*")]
    public async Task A_networked_driver_with_a_wildcard_host_and_no_endpoint_is_refused(string host)
    {
        await using var cluster = new TestCluster();
        cluster.Driver.Local = false;

        var error = await Assert.ThrowsAsync<ServerConfigurationException>(() => cluster.StartServerAsync(o => o.Host = host));

        Assert.Equal("server-config", error.Code);
        Assert.Contains("serverEndpoint is required", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{host}\"", error.Message, StringComparison.Ordinal);
        Assert.Empty(await cluster.Sdk.GetServersAsync());
    }

    [Fact]
    public async Task A_networked_driver_with_the_default_host_and_no_endpoint_is_refused()
    {
        await using var cluster = new TestCluster();
        cluster.Driver.Local = false;
        var options = new GathoServerOptions { Driver = cluster.Driver };
        options.Rooms["fake"] = cluster.Fakes;

        await Assert.ThrowsAsync<ServerConfigurationException>(() => GathoServer.StartAsync(options));
    }

    [Fact]
    public async Task A_networked_driver_with_an_explicit_endpoint_may_bind_a_wildcard()
    {
        await using var store = new MemoryDriver();
        var driver = new InterceptingDriver(store) { Local = false };
        var options = new GathoServerOptions { Driver = driver, Host = "0.0.0.0", ServerEndpoint = "http://10.0.0.7:3000" };
        options.Rooms["fake"] = new FakeRoomRunner();

        Assert.Same(driver, ServerOptionChecks.Validate(options));
    }

    [Fact]
    public async Task A_networked_driver_with_a_concrete_host_needs_no_endpoint()
    {
        await using var cluster = new TestCluster();
        cluster.Driver.Local = false;

        var server = await cluster.StartServerAsync(o => o.Host = "127.0.0.1");

        Assert.Equal($"http://127.0.0.1:{server.Address.Port}", (await cluster.Sdk.GetServersAsync()).Single().Endpoint);
    }

    [Fact]
    public async Task The_memory_driver_is_fine_with_every_default()
    {
        await using var driver = new MemoryDriver();
        var options = new GathoServerOptions { Driver = driver };
        options.Rooms["fake"] = new FakeRoomRunner();

        Assert.Same(driver, ServerOptionChecks.Validate(options));
        Assert.Equal("0.0.0.0", options.Host);
        Assert.Null(options.ServerEndpoint);
    }

    [Fact]
    public async Task Missing_driver_or_room_types_and_unusable_values_are_refused_with_the_value_named()
    {
        await using var cluster = new TestCluster();

        var noDriver = await Assert.ThrowsAsync<ServerConfigurationException>(() => cluster.StartServerAsync(o => o.Driver = null));
        Assert.Contains("no driver", noDriver.Message, StringComparison.Ordinal);
        var noRooms = await Assert.ThrowsAsync<ServerConfigurationException>(() => cluster.StartServerAsync(o => o.Rooms.Clear()));
        Assert.Contains("no room types", noRooms.Message, StringComparison.Ordinal);
        var stall = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => cluster.StartServerAsync(o => o.RoomStallTimeout = TimeSpan.Zero));
        Assert.Equal(nameof(GathoServerOptions.RoomStallTimeout), stall.ParamName);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => cluster.StartServerAsync(o => o.Port = 70000));
        var host = await Assert.ThrowsAsync<ServerConfigurationException>(() => cluster.StartServerAsync(o => o.Host = "game.example.net"));
        Assert.Contains("game.example.net", host.Message, StringComparison.Ordinal);

        // Nothing was registered by any of the refused starts.
        Assert.Empty(await cluster.Sdk.GetServersAsync());
        Assert.Empty(await cluster.Store.ListStaleServersAsync());
    }
}
