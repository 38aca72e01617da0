using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Transport;

// The README's two-file standalone room: echoes text and binary to a plain ClientWebSocket speaking gatho's v1 frames.
public class StandaloneEchoTests
{
    private static RoomCallbacks Echo() => new() { OnMessage = (room, client, message) => client.Send(message) };

    [Fact]
    public async Task Echoes_text_and_binary_over_v1_frames()
    {
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Echo());
        await using var client = await WireClient.ConnectAsync(host.Url + "?gv=1");
        var session = await client.SessionAsync();
        Assert.False(string.IsNullOrEmpty(session.ClientId));
        Assert.Matches("^[0-9a-f]{32}$", session.Token);

        await client.SendFrameAsync(new byte[] { 0x01, (byte)'h', (byte)'i' });
        var text = await client.FrameAsync();
        Assert.Equal(FrameType.Text, text.Type);
        Assert.Equal("hi", text.Text);

        await client.SendFrameAsync(new byte[] { 0x02, 0, 255, 7 });
        var binary = await client.FrameAsync();
        Assert.Equal(FrameType.Binary, binary.Type);
        Assert.Equal(new byte[] { 0, 255, 7 }, binary.Payload);
    }

    [Fact]
    public async Task Any_path_is_accepted_and_plain_http_gets_426()
    {
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Echo());
        await using var client = await WireClient.ConnectAsync(host.Url + "some/path?gv=1");
        await client.SessionAsync();

        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{host.Port}/");
        Assert.Equal(426, (int)response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("upgrade required", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Standalone_room_has_a_random_id_type_room_and_no_server()
    {
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Echo());
        Assert.True(Guid.TryParse(host.Room.RoomId, out _));
        Assert.Equal("room", host.Room.RoomType);
        Assert.Null(host.Room.ServerId);
        Assert.True(host.Room.IsStandalone);
    }

    [Fact]
    public async Task V2_unreliable_frames_come_back_unreliable()
    {
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Echo());
        await using var client = await WireClient.ConnectAsync(host.Url + "?gv=2");
        await client.SessionAsync();
        await client.SendTextAsync("fast", reliable: false);
        var frame = await client.FrameAsync();
        Assert.Equal(FrameType.UnreliableText, frame.Type);
        Assert.Equal("fast", frame.Text);
    }

    [Fact]
    public async Task Leave_closes_4000_consented_leave()
    {
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Echo());
        await using var client = await WireClient.ConnectAsync(host.Url + "?gv=1");
        await client.SessionAsync();
        await client.SendProtocolAsync(LeaveMessage.Instance);
        var closed = await client.ClosedAsync();
        Assert.Equal(4000, closed.Code);
        Assert.Equal("consented leave", closed.Reason);
    }
}
