using System.Net.WebSockets;
using System.Text;
using Gatho.Drivers.Model;
using Gatho.Integration.Tests.Support;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Protocol.Urls;

namespace Gatho.Integration.Tests.Lifecycle;

public class LifecycleTests
{
    [Fact]
    public async Task Create_run_join_message_destroy_gone()
    {
        await using var cluster = new Cluster();
        var server = await cluster.StartServerAsync();
        var room = await cluster.Sdk.CreateRoomAsync("echo", server.ServerId, tags: new Dictionary<string, string> { ["mode"] = "ffa" });
        Assert.Equal(RoomStatus.Running, room.Status);
        Assert.StartsWith("ws://127.0.0.1:", room.Endpoint);

        var seat = await cluster.Sdk.JoinAsync(room.RoomId);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(SeatUrl.ForConnect(seat.Url, 1)), CancellationToken.None);
        var session = Assert.IsType<SessionMessage>(ProtocolMessageCodec.Decode((await ReceiveAsync(socket))[1..]));
        Assert.Equal(seat.ClientId, session.ClientId);
        await socket.SendAsync(FrameCodec.EncodeText(FrameType.Text, "hello"), WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Equal("hello", Encoding.UTF8.GetString((await ReceiveAsync(socket))[1..]));
        await Wait.UntilAsync(async () => (await cluster.Sdk.GetRoomAsync(room.RoomId))!.Clients.Any(c => c.ClientId == seat.ClientId && c.Status == ClientStatus.Connected), "client connected in the driver");

        await cluster.Sdk.DestroyRoomAsync(room.RoomId);
        Assert.Null(await cluster.Sdk.GetRoomAsync(room.RoomId));
        var close = await ReceiveAsync(socket);
        Assert.Empty(close);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
        await Wait.UntilAsync(() => server.GetRoomDetails(room.RoomId) is null, "room process gone");
    }

    private static async Task<byte[]> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Cluster.Patience);
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return result.MessageType == WebSocketMessageType.Close ? Array.Empty<byte>() : buffer[..result.Count];
    }
}
