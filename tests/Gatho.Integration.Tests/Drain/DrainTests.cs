using Gatho.Integration.Tests.Support;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Urls;

namespace Gatho.Integration.Tests.Drain;

/// <summary>Server drain with real room processes (DESIGN D8): clients told to rejoin, processes gone, listings gone.</summary>
public sealed class DrainTests
{
    [Fact]
    public async Task Stop_closes_clients_with_1001_draining_and_leaves_no_room_no_listing_and_no_process()
    {
        await using var cluster = new Cluster();
        var server = await cluster.StartServerAsync();
        var processes = new List<OsProcess>();
        var clients = new List<WireClient>();
        for (var i = 0; i < 3; i++)
        {
            var room = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId);
            processes.Add(await RoomProcesses.FindAsync(room.RoomId));
            var client = await WireClient.ConnectAsync(SeatUrl.ForConnect((await cluster.Sdk.JoinAsync(room.RoomId)).Url, 2));
            await client.SessionAsync();
            clients.Add(client);
        }

        await server.StopAsync();

        foreach (var client in clients)
        {
            var closed = await client.ClosedAsync();
            Assert.Equal(CloseCodes.GoingAway, closed.Code);
            Assert.Equal(CloseReasons.ServerDraining, closed.Reason);
            await client.DisposeAsync();
        }

        Assert.Empty(await cluster.Sdk.GetRoomsAsync());
        Assert.Empty(await cluster.Sdk.GetServersAsync());
        Assert.Null(await cluster.Driver.GetServerAsync(server.ServerId));
        Assert.Empty(server.GetAllRoomDetails());

        // The drain waited for the rooms' processes to exit before it returned.
        Assert.All(processes, p => Assert.False(RoomProcesses.IsAlive(p), $"room process {p.Pid} still running"));
        Assert.Empty(cluster.LiveRoomProcesses());
    }
}
