using Gatho.Integration.Tests.Support;
using Gatho.Protocol.Urls;

namespace Gatho.Integration.Tests.Lifecycle;

/// <summary>Two rooms on one server are two processes with nothing in common: port, secret, clients, messages.</summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task Two_rooms_on_one_server_are_isolated()
    {
        await using var cluster = new Cluster();
        var server = await cluster.StartServerAsync();
        var red = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId);
        var blue = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId);

        Assert.NotEqual(red.Endpoint, blue.Endpoint);
        Assert.NotEqual(new Uri(red.Endpoint!).Port, new Uri(blue.Endpoint!).Port);
        Assert.NotEqual(await SecretOfAsync(cluster, red.RoomId), await SecretOfAsync(cluster, blue.RoomId));
        Assert.NotEqual((await RoomProcesses.FindAsync(red.RoomId)).Pid, (await RoomProcesses.FindAsync(blue.RoomId)).Pid);

        // A seat for red, presented to blue: signed with red's secret, so blue refuses the upgrade.
        var redSeat = await cluster.Sdk.JoinAsync(red.RoomId);
        var token = QueryString.Get(SeatUrl.RawQuery(redSeat.Url), SeatUrl.TokenParameter)!;
        var forged = SeatUrl.ForConnect(SeatUrl.Create(blue.Endpoint!, token), 1);
        Assert.Equal(401, await WireClient.ExpectRefusedAsync(forged));

        await using var redClient = await WireClient.ConnectAsync(SeatUrl.ForConnect(redSeat.Url, 1));
        await using var blueClient = await WireClient.ConnectAsync(SeatUrl.ForConnect((await cluster.Sdk.JoinAsync(blue.RoomId)).Url, 1));
        Assert.Equal(redSeat.ClientId, (await redClient.SessionAsync()).ClientId);
        await blueClient.SessionAsync();

        await redClient.SendTextAsync("for red", v2: false);
        await blueClient.SendTextAsync("for blue", v2: false);
        Assert.Equal("for red", await redClient.TextAsync());
        Assert.Equal("for blue", await blueClient.TextAsync());
        Assert.Null(await redClient.NextOrNothingAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Null(await blueClient.NextOrNothingAsync(TimeSpan.FromMilliseconds(300)));

        // Each room's record lists only its own client.
        await Wait.UntilAsync(async () => (await cluster.Sdk.GetRoomAsync(red.RoomId))!.Clients.Count(c => c.Status == Drivers.Model.ClientStatus.Connected) == 1, "red's client connected");
        Assert.DoesNotContain((await cluster.Sdk.GetRoomAsync(blue.RoomId))!.Clients, c => c.ClientId == redSeat.ClientId);
    }

    // No room listing carries the secret; a reservation is where the SDK reads it (released again at once).
    private static async Task<string> SecretOfAsync(Cluster cluster, string roomId)
    {
        var reservation = await cluster.Driver.ReserveClientAsync(new Drivers.Model.ClientReservationRequest(roomId, TimeSpan.FromSeconds(30), null, null));
        await cluster.Driver.DisconnectClientAsync(reservation.ClientId);
        return reservation.RoomSecret;
    }
}
