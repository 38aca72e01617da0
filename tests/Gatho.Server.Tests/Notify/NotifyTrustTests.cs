using Gatho.Drivers.Model;
using Gatho.Protocol.Notify;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Notify;

/// <summary>
/// What the server believes from a room's channel (gatho gap 12, DESIGN D7): who is speaking is decided by which
/// socket a message came in on, never by what the message claims.
/// </summary>
public sealed class NotifyTrustTests
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    [Fact]
    public async Task A_forged_room_id_in_client_connected_updates_the_channels_own_room()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (liar, liarHandle) = await cluster.CreateFakeAsync(server);
        var (victim, _) = await cluster.CreateFakeAsync(server);

        await liarHandle.SendAsync(new ClientConnectedNotify("mallory", victim.RoomId, NoTags));

        await Wait.UntilAsync(async () => (await cluster.Sdk.GetRoomAsync(liar.RoomId))!.Clients.Any(c => c.ClientId == "mallory"), "mallory recorded in the liar's room");
        Assert.Empty((await cluster.Sdk.GetRoomAsync(victim.RoomId))!.Clients);
    }

    [Fact]
    public async Task Each_rooms_socket_directory_is_private_while_it_runs_and_gone_when_it_leaves()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(server);
        var directory = Path.Combine(cluster.SocketDirectory, room.RoomId);

        Assert.Equal(Path.Combine(directory, "sock"), handle.Context.NotifySocketPath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));

        await cluster.Sdk.DestroyRoomAsync(room.RoomId);

        await Wait.UntilAsync(() => !Directory.Exists(directory), "the room's directory removed");
        Assert.True(Directory.Exists(cluster.SocketDirectory));
    }

    [Fact]
    public async Task A_room_that_redials_after_a_drop_keeps_being_heard()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();
        var (room, handle) = await cluster.CreateFakeAsync(server);
        await handle.Room!.DisposeAsync();
        var beforeDrop = server.GetRoomDetails(room.RoomId)!.LastHeartbeatAt!.Value;

        // As a real room does: redial whenever the connection is gone (until the server has noticed the drop, a new
        // connection is refused) and resend what was not taken, until it is heard.
        await Wait.UntilAsync(
            async () =>
            {
                if (handle.Room!.ClosedByServer.IsCompleted)
                {
                    await handle.DialAsync();
                }

                try
                {
                    await handle.SendAsync(new ClientConnectedNotify("bob", room.RoomId, NoTags));
                }
                catch (System.Net.Sockets.SocketException)
                {
                    // Refused meanwhile: the next round redials.
                }

                await Task.Delay(50);
                return (await cluster.Sdk.GetRoomAsync(room.RoomId))!.Clients.Any(c => c.ClientId == "bob" && c.Status == ClientStatus.Connected);
            },
            "bob connected over the redialled channel");
        await handle.SendAsync(Beats.With(new[] { "bob" }));
        await Wait.UntilAsync(() => server.GetRoomDetails(room.RoomId)?.LastHeartbeatAt > beforeDrop, "the redialled channel's messages counted as signs of life");
        Assert.Equal(0, handle.StopperCalls);
    }
}
