using System.Net;
using System.Net.Sockets;
using System.Text;
using Gatho.Client.Tests.Support;
using Gatho.Protocol.Closing;

namespace Gatho.Client.Tests.Failures;

/// <summary>Issue 13, item 1: each way a first connect fails gets its own cause, the room's reason and the inner exception.</summary>
public sealed class FailureCauseTests
{
    [Fact]
    public async Task Nothing_listening_closes_with_unreachable_and_keeps_the_socket_error()
    {
        var port = FreePort();
        var (client, probe) = TestClients.Create($"ws://127.0.0.1:{port}/?token=t");

        var error = await Assert.ThrowsAsync<ClientClosedException>(() => client.ConnectAsync());

        Assert.Equal(CloseCause.Unreachable, error.Info.Cause);
        Assert.Contains($"127.0.0.1:{port}", error.Info.Reason, StringComparison.Ordinal);
        var failure = Assert.IsType<RoomConnectException>(error.InnerException);
        Assert.Equal(ConnectFailureKind.Refused, failure.Kind);
        Assert.NotNull(failure.InnerException);
        Assert.Same(failure, error.Info.Error);
        await probe.ClosedAsync();
        Assert.Empty(probe.Errors);
    }

    [Fact]
    public async Task A_tampered_seat_closes_with_seat_refused_http_401_and_the_rooms_reason()
    {
        await using var room = await TestRoom.StartAsync();
        var seat = room.Seat("alice");
        var tampered = seat[..^3] + (seat[^3] == 'A' ? "B" : "A") + seat[^2..];
        var (client, probe) = TestClients.Create(tampered);

        var error = await Assert.ThrowsAsync<ClientClosedException>(() => client.ConnectAsync());

        Assert.Equal(CloseCause.SeatRefused, error.Info.Cause);
        Assert.Equal(401, error.Info.HttpStatus);
        Assert.Contains("BadSignature", error.Info.Reason, StringComparison.Ordinal);
        Assert.Contains("new seat", error.Message, StringComparison.Ordinal);
        Assert.Equal(401, Assert.IsType<RoomConnectException>(error.InnerException).HttpStatus);
        Assert.DoesNotContain(room.Log.Entries, e => e.StartsWith("join:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_seat_url_without_a_token_is_refused_by_a_managed_room_saying_so()
    {
        await using var room = await TestRoom.StartAsync();
        var (client, _) = TestClients.Create(room.Host.Url);

        var error = await Assert.ThrowsAsync<ClientClosedException>(() => client.ConnectAsync());

        Assert.Equal(CloseCause.SeatRefused, error.Info.Cause);
        Assert.Contains("missing token", error.Info.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_room_at_its_connection_limit_closes_with_room_full_http_503()
    {
        await using var room = await TestRoom.StartAsync(maxConnections: 1);
        var (first, _) = TestClients.Create(room.Seat("alice"));
        await first.ConnectAsync();
        var (second, _) = TestClients.Create(room.Seat("bob"));

        var error = await Assert.ThrowsAsync<ClientClosedException>(() => second.ConnectAsync());

        Assert.Equal(CloseCause.RoomFull, error.Info.Cause);
        Assert.Equal(503, error.Info.HttpStatus);
        await first.CloseAsync();
    }

    [Fact]
    public async Task A_web_server_that_is_not_a_room_closes_with_http_error_and_its_status()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var answer = AnswerOnceAsync(listener, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var (client, _) = TestClients.Create($"ws://127.0.0.1:{port}/rooms/x?token=t");

        var error = await Assert.ThrowsAsync<ClientClosedException>(() => client.ConnectAsync());

        Assert.Equal(CloseCause.HttpError, error.Info.Cause);
        Assert.Equal(404, error.Info.HttpStatus);
        Assert.Contains("HTTP 404", error.Info.Reason, StringComparison.Ordinal);
        await answer;
    }

    [Fact]
    public async Task A_room_that_stops_closes_its_clients_with_room_stopped_and_they_do_not_resume()
    {
        await using var room = await TestRoom.StartAsync();
        var (client, probe) = TestClients.Create(room.Seat("alice"));
        await client.ConnectAsync();

        await room.Room.StopAsync();

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(new ClientCloseInfo(CloseCodes.GoingAway, CloseReasons.RoomShuttingDown, CloseCause.RoomStopped), info);
        await probe.ClosedAsync();
        Assert.Equal(new[] { "open", "close:room-stopped" }, probe.Lifecycle);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/?token=t", "use ws://127.0.0.1:5000/")]
    [InlineData("https://play.example.com/r?token=t", "use wss://play.example.com/r")]
    [InlineData("ws://127.0.0.1:5000/?token=t#x", "fragment")]
    [InlineData("127.0.0.1:5000", "ws://")]
    [InlineData("ftp://127.0.0.1/?token=t", "scheme \"ftp\"")]
    [InlineData("", "empty")]
    public void Urls_that_cannot_be_a_room_are_refused_at_construction_with_the_reason(string url, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new GathoClient(url));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token=t", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task AnswerOnceAsync(TcpListener listener, string response)
    {
        using var socket = await listener.AcceptSocketAsync().WaitAsync(EventLog.Patience);
        var buffer = new byte[8192];
        var read = 0;
        while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None).AsTask().WaitAsync(EventLog.Patience);
            if (n == 0)
            {
                return;
            }

            read += n;
        }

        await socket.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None);
        socket.Shutdown(SocketShutdown.Both);
    }
}
