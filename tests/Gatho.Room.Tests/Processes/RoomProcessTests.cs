using Gatho.Protocol.Notify;
using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Processes;

// A room as a real OS process: graceful SIGTERM, and no orphan when its server dies.
public class RoomProcessTests
{
    private static Dictionary<string, string> Environment(FakeNotifyServer server) => new()
    {
        ["GATHO_ROOM_ID"] = "room-1",
        ["GATHO_ROOM_TYPE"] = "echo",
        ["GATHO_SERVER_ID"] = "server-1",
        ["GATHO_ROOM_SECRET"] = TestRooms.Secret,
        ["GATHO_NOTIFY_SOCKET"] = server.Target,
        ["GATHO_ROOM_HOST"] = "127.0.0.1",
        ["GATHO_LOG_LEVEL"] = "warn",
    };

    private static string Seat(int port, string clientId) =>
        TestRooms.Connect(Gatho.Protocol.Urls.SeatUrl.Create($"ws://127.0.0.1:{port}", Gatho.Protocol.SeatTokens.SeatTokenIssuer.Mint(
            new Gatho.Protocol.SeatTokens.SeatClaims("room-1", clientId, DateTimeOffset.UtcNow.AddMinutes(1), Guid.NewGuid().ToString("N")), TestRooms.Secret)));

    [Fact]
    public async Task Sigterm_stops_the_room_gracefully_and_the_process_exits()
    {
        await using var server = new FakeNotifyServer();
        using var room = TestRoomProcess.Start(Environment(server));
        var ready = await server.NextAsync<ReadyNotify>();
        await using var client = await WireClient.ConnectAsync(Seat(ready.Port, "alice"));
        await client.SessionAsync();
        await client.SendTextAsync("echo me");
        Assert.Equal("echo me", await client.TextAsync());

        room.Signal("TERM");
        var closed = await client.ClosedAsync();
        Assert.Equal((1001, "room shutting down"), (closed.Code, closed.Reason));
        Assert.Equal("alice", (await server.NextAsync<ClientDisconnectedNotify>()).ClientId);
        Assert.Equal(0, await room.WaitForExitAsync());
    }

    [Fact]
    public async Task A_room_whose_server_died_exits_instead_of_living_on_as_an_orphan()
    {
        var server = new FakeNotifyServer();
        using var room = TestRoomProcess.Start(Environment(server));
        var ready = await server.NextAsync<ReadyNotify>();
        await using var client = await WireClient.ConnectAsync(Seat(ready.Port, "bob"));
        await client.SessionAsync();

        // The server process dies: its socket file and listener are gone. The room redials for its grace period, then stops.
        await server.DisposeAsync();
        Assert.Equal(1001, (await client.ClosedAsync()).Code);
        Assert.Equal(0, await room.WaitForExitAsync());
    }
}
