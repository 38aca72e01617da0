using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Transport;

// DESIGN D10: bad input closes that one connection with a protocol-error (or too-big) code; the room and every other
// client carry on.
public class BadInputTests
{
    public static TheoryData<string, byte[], int, int> Cases() => new()
    {
        { "empty frame", Array.Empty<byte>(), 2, 1002 },
        { "unknown type byte", new byte[] { 0x09, 1, 2 }, 2, 1002 },
        { "v2 unreliable type on a v1 socket", new byte[] { 0x03, (byte)'x' }, 1, 1002 },
        { "undecodable protocol message", new byte[] { 0x00, 0x07 }, 2, 1002 },
        { "truncated session message", new byte[] { 0x00, 0x00, 0x05, 0x61 }, 2, 1002 },
        { "text that is not UTF-8", new byte[] { 0x01, 0xC3, 0x28 }, 2, 1002 },
        { "ack for frames never sent", new byte[] { 0x00, 0x03, 0x05 }, 2, 1002 },
        { "message over the size limit", Oversized(), 2, 1009 },
    };

    private static byte[] Oversized()
    {
        var frame = new byte[4097];
        frame[0] = 0x02;
        return frame;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_closes_only_that_connection(string name, byte[] frame, int version, int expectedCode)
    {
        var log = new EventLog();
        var behavior = new RoomCallbacks
        {
            OnMessage = (room, client, message) => log.Add($"message:{client.Id}:{message.Text ?? message.Data.Length.ToString()}"),
            OnLeave = (room, client) => log.Add("leave:" + client.Id),
            OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromMinutes(1)),
        };
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(maxMessageBytes: 4096), behavior);
        await using var bystander = await WireClient.ConnectAsync(host.Url + "?gv=2");
        var bystanderSession = await bystander.SessionAsync();
        await using var offender = await WireClient.ConnectAsync(host.Url + "?gv=" + version);
        var offenderSession = await offender.SessionAsync();

        await offender.SendFrameAsync(frame);
        var closed = await offender.ClosedAsync();
        Assert.True(closed.Code == expectedCode, $"{name}: closed with {closed.Code} {closed.Reason}");
        Assert.Equal(expectedCode == 1009 ? "message too big" : "protocol error", closed.Reason);

        // The offender is gone for good (no reconnection window for a broken client); everyone else carries on.
        await log.WaitAsync("leave:" + offenderSession.ClientId);
        await bystander.SendTextAsync("still fine");
        await log.WaitAsync($"message:{bystanderSession.ClientId}:still fine");
        await host.Room.Post(() => { host.Room.Broadcast("room alive"); return Task.CompletedTask; });
        Assert.Equal("room alive", await bystander.TextAsync());
        Assert.Single(host.Room.Clients);
    }

    [Fact]
    public async Task A_message_exactly_at_the_limit_is_accepted()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(maxMessageBytes: 4096), new RoomCallbacks
        {
            OnMessage = (room, client, message) => log.Add("bytes:" + message.Data.Length),
        });
        await using var client = await WireClient.ConnectAsync(host.Url + "?gv=2");
        await client.SessionAsync();
        var frame = new byte[4096];
        frame[0] = 0x02;
        await client.SendFrameAsync(frame);
        await log.WaitAsync("bytes:4095");
    }

    [Fact]
    public async Task A_callback_that_throws_is_logged_and_the_room_carries_on()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), new RoomCallbacks
        {
            OnMessage = (room, client, message) =>
            {
                log.Add("message:" + message.Text);
                if (message.Text == "boom")
                {
                    throw new InvalidOperationException("room bug");
                }
            },
        });
        await using var client = await WireClient.ConnectAsync(host.Url + "?gv=2");
        await client.SessionAsync();
        await client.SendTextAsync("boom");
        await client.SendTextAsync("after");
        await log.WaitAsync("message:after");
        Assert.Single(host.Room.Clients);
    }
}
