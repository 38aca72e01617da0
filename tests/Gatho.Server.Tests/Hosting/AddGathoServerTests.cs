using Gatho.Drivers;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Urls;
using Gatho.Sdk;
using Gatho.Server.Hosting;
using Gatho.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gatho.Server.Tests.Hosting;

/// <summary><c>AddGathoServer</c> (DESIGN D8): the server lives and drains with the generic host.</summary>
public sealed class AddGathoServerTests : IDisposable
{
    private readonly string socketDirectory = Directory.CreateTempSubdirectory("gh-").FullName;

    public void Dispose() => Directory.Delete(socketDirectory, recursive: true);

    [Fact]
    public async Task The_server_starts_with_the_host_uses_the_hosts_driver_and_drains_when_the_host_stops()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddGathoMemoryDriver();
        builder.Services.AddGathoSdk();
        builder.Services.AddGathoServer(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = 0;
            o.SocketDirectory = socketDirectory;
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
            o.Rooms["echo"] = EchoRooms.Runner();
        });
        using var host = builder.Build();
        var hosted = host.Services.GetRequiredService<GathoServerHostedService>();
        Assert.False(hosted.Server.IsCompleted);

        await host.StartAsync();

        var server = await Wait.ForAsync(hosted.Server, "the hosted server started");
        var sdk = host.Services.GetRequiredService<GathoSdk>();
        Assert.Same(host.Services.GetRequiredService<IDriver>(), sdk.Driver);
        Assert.Equal(server.ServerId, (await sdk.GetServersAsync()).Single().ServerId);
        var room = await sdk.CreateRoomAsync("echo", server.ServerId);
        await using var client = await WireClient.ConnectAsync(SeatUrl.ForConnect((await sdk.JoinAsync(room.RoomId)).Url, 1));
        await client.SessionAsync();

        await host.StopAsync();

        var closed = await client.ClosedAsync();
        Assert.Equal(CloseCodes.GoingAway, closed.Code);
        Assert.Equal(CloseReasons.ServerDraining, closed.Reason);
        Assert.True(server.IsDraining);
        Assert.Empty(await sdk.GetServersAsync());
        Assert.Null(await sdk.GetRoomAsync(room.RoomId));
    }

    [Fact]
    public async Task A_server_that_cannot_start_fails_the_host_start()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddGathoServer(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = 0;
            o.Rooms["echo"] = EchoRooms.Runner();
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<ServerConfigurationException>(() => host.StartAsync());

        Assert.Contains("no driver", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ServerConfigurationException>(() => host.Services.GetRequiredService<GathoServerHostedService>().Server);
    }
}
