using System.Reflection;
using System.Text.Json;
using Gatho.Drivers.Model;

namespace Gatho.Drivers.Conformance.Suite;

// The room secret: it reaches the SDK inside a reservation and nowhere else (issue 17, defect 4). A room listing may
// be logged or shown in an admin page; if it carried the secret, anyone who saw it could mint seats for any client.
public abstract partial class DriverConformanceSuite
{
    [Fact]
    public void No_public_type_of_the_contract_or_the_driver_has_a_secret_property_except_the_reservation()
    {
        var assemblies = new[] { typeof(IDriver).Assembly, Driver.GetType().Assembly }.Distinct();

        var exposing = assemblies
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type != typeof(ClientReservation))
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .Where(property => property.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase))
                .Select(property => $"{type.FullName}.{property.Name}"));

        Assert.Empty(exposing);
    }

    [Fact]
    public async Task Room_and_server_reads_never_carry_the_room_secret_in_any_field_or_text()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);
        var secret = SecretOf(roomId);
        var seat = await ReserveAsync(roomId);
        await Driver.ConnectClientAsync(seat.ClientId, roomId, Tags(("team", "red")));
        await ReserveAsync(roomId);

        var reads = new List<object?>
        {
            await Driver.GetRoomAsync(roomId),
            await Driver.ListRoomsAsync(),
            await Driver.ListRoomsAsync(new RoomFilter { Status = RoomStatus.Running }),
            await Bounded(Driver.WaitForRoomAsync(roomId, TimeSpan.FromSeconds(5), Task.CompletedTask)),
            await Driver.GetServerAsync(serverId),
            await Driver.ListServersAsync(),
            await Driver.HeartbeatAsync(new ServerHeartbeat(serverId, NewEndpoint(), Model.Tags.None, ["chat"])),
        };

        foreach (var read in reads)
        {
            Assert.NotNull(read);
            Assert.DoesNotContain(secret, read.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, JsonSerializer.Serialize(read), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_reservation_carries_the_secret_the_room_was_readied_with_and_prints_it_redacted()
    {
        var serverId = await RegisterServerAsync();
        var roomId = await StartRoomAsync(serverId);

        var seat = await ReserveAsync(roomId);

        Assert.Equal(SecretOf(roomId), seat.RoomSecret);
        Assert.DoesNotContain(SecretOf(roomId), seat.ToString(), StringComparison.Ordinal);
        Assert.Contains($"RoomSecret = {ClientReservation.Redacted}", seat.ToString(), StringComparison.Ordinal);
        Assert.Contains(seat.ClientId, seat.ToString(), StringComparison.Ordinal);
    }
}
