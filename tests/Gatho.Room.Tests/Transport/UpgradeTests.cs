using Gatho.Protocol.Messages;
using Gatho.Protocol.SeatTokens;
using Gatho.Protocol.Urls;
using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Transport;

// gatho-behaviour §2.2 (upgrade decision order) and §11 version-handshake, over real sockets.
public class UpgradeTests
{
    private static RoomCallbacks Quiet(EventLog? log = null) => new()
    {
        OnJoin = (room, client) => log?.Add("join:" + client.Id),
        OnAuth = (room, request) => { log?.Add("auth:" + request.ClientId); return AuthResult.Ok(); },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Matching_version_is_accepted(int version)
    {
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Quiet());
        await using var client = await WireClient.ConnectAsync(host.Url + "?gv=" + version);
        await client.SessionAsync();
    }

    [Theory]
    [InlineData("", "none")]
    [InlineData("?gv=3", "3")]
    [InlineData("?gv=0", "0")]
    [InlineData("?gv=01", "01")]
    [InlineData("?gv=abc", "abc")]
    public async Task Missing_or_wrong_version_is_refused_with_400_naming_the_versions_before_any_websocket(string query, string shown)
    {
        // Issue 17 (pre-auth door): a gv the room does not speak gets no WebSocket; the body says why.
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Quiet(log));
        var (status, body) = await RawHttp.UpgradeAsync(host.Port, "/" + query);
        Assert.Equal(400, status);
        Assert.Equal($"protocol version mismatch (client {shown}, server 1-2)", body);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public async Task Version_mismatch_on_a_resume_is_refused_the_same_way()
    {
        await using var host = await TestRooms.StartAsync(TestRooms.Standalone(), Quiet());
        var (status, body) = await RawHttp.UpgradeAsync(host.Port, "/?session=abc&gv=9");
        Assert.Equal(400, status);
        Assert.StartsWith("protocol version mismatch (client 9", body);
    }

    [Fact]
    public async Task Managed_room_admits_a_valid_seat_with_the_token_client_id()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Managed(), Quiet(log));
        await using var client = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "alice")));
        var session = await client.SessionAsync();
        Assert.Equal("alice", session.ClientId);
        await log.WaitAsync("join:alice");
    }

    public static TheoryData<string> BadSeats() => new()
    {
        "missing",
        "garbage",
        "wrong-secret",
        "wrong-room",
        "expired",
        "tampered",
    };

    [Theory]
    [MemberData(nameof(BadSeats))]
    public async Task Bad_seat_tokens_are_refused_with_401_before_any_frame(string kind)
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Managed(), Quiet(log));
        var url = kind switch
        {
            "missing" => host.Url,
            "garbage" => SeatUrl.Create(host.Url, "not.a.jwt"),
            "wrong-secret" => TestRooms.Seat(host, "c", secret: "another-secret"),
            "wrong-room" => TestRooms.Seat(host, "c", roomId: "room-2"),
            "expired" => TestRooms.Seat(host, "c", ttl: TimeSpan.FromMinutes(-5)),
            _ => TestRooms.Seat(host, "c")[..^3] + "AAA",
        };
        Assert.Equal(401, await WireClient.ExpectRefusedAsync(TestRooms.Connect(url)));
        Assert.Empty(log.Entries);
    }

    [Fact]
    public async Task A_seat_token_is_single_use_even_after_its_client_left()
    {
        var log = new EventLog();
        await using var host = await TestRooms.StartAsync(TestRooms.Managed(), Quiet(log));
        var seat = TestRooms.Connect(TestRooms.Seat(host, "alice"));
        await using (var first = await WireClient.ConnectAsync(seat))
        {
            await first.SessionAsync();
            await first.LeaveAsync();
            Assert.Equal(4000, (await first.ClosedAsync()).Code);
        }

        await using var replay = await WireClient.ConnectAsync(seat);
        Assert.Equal("seat already in use", (await replay.ProtocolAsync<AuthErrorMessage>()).Error);
        var closed = await replay.ClosedAsync();
        Assert.Equal(4000, closed.Code);
        Assert.Equal("seat already in use", closed.Reason);
        Assert.Equal(1, log.Count("auth:alice"));
    }

    [Fact]
    public async Task A_managed_room_without_a_secret_refuses_to_start()
    {
        var options = new RoomOptions { NotifySocket = "uds:/tmp/nowhere", Environment = new Dictionary<string, string?>(), StopOnProcessSignals = false };
        var error = await Assert.ThrowsAsync<Hosting.RoomConfigurationException>(() => RoomHost.StartAsync(options, Quiet()));
        Assert.Contains("no room secret", error.Message);
    }

    [Fact]
    public async Task A_room_with_no_managed_context_and_not_standalone_refuses_to_start()
    {
        var options = new RoomOptions { Environment = new Dictionary<string, string?>(), StopOnProcessSignals = false };
        var error = await Assert.ThrowsAsync<Hosting.RoomConfigurationException>(() => RoomHost.StartAsync(options, Quiet()));
        Assert.Contains("Standalone = true", error.Message);
        Assert.Equal("room-config", error.Code);
    }

    [Fact]
    public async Task Managed_identity_comes_from_the_environment()
    {
        var options = new RoomOptions
        {
            StopOnProcessSignals = false,
            LoggerFactory = TestRooms.Logging,
            Environment = new Dictionary<string, string?>
            {
                ["GATHO_ROOM_ID"] = "env-room",
                ["GATHO_ROOM_TYPE"] = "arena",
                ["GATHO_SERVER_ID"] = "srv-9",
                ["GATHO_ROOM_SECRET"] = TestRooms.Secret,
                ["GATHO_ROOM_DATA"] = "{\"mode\":\"ffa\"}",
            },
        };
        await using var host = await RoomHost.StartAsync(options, Quiet());
        Assert.Equal("env-room", host.Room.RoomId);
        Assert.Equal("arena", host.Room.RoomType);
        Assert.Equal("srv-9", host.Room.ServerId);
        Assert.Equal("{\"mode\":\"ffa\"}", host.Room.DataJson);
        Assert.False(host.Room.IsStandalone);
        await using var client = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "bob", roomId: "env-room")));
        Assert.Equal("bob", (await client.SessionAsync()).ClientId);
    }

    [Fact]
    public async Task Bad_options_are_rejected_naming_the_value()
    {
        var options = new RoomOptions { Standalone = true, MaxMessageBytes = 0, StopOnProcessSignals = false };
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RoomHost.StartAsync(options, Quiet()));
        Assert.Equal("MaxMessageBytes", error.ParamName);
    }

    [Fact]
    public async Task Join_data_from_the_seat_reaches_on_auth_and_defaults_to_an_empty_object()
    {
        var seen = new List<string>();
        var behavior = new RoomCallbacks { OnAuth = (room, request) => { lock (seen) { seen.Add(request.JoinDataJson); } return AuthResult.Ok(); } };
        await using var host = await TestRooms.StartAsync(TestRooms.Managed(), behavior);
        await using (var a = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "a", "{\"displayName\":\"Ada\",\"deck\":{\"cards\":[1,2]}}"))))
        {
            await a.SessionAsync();
        }

        await using (var b = await WireClient.ConnectAsync(TestRooms.Connect(TestRooms.Seat(host, "b"))))
        {
            await b.SessionAsync();
        }

        Assert.Equal(new[] { "{\"displayName\":\"Ada\",\"deck\":{\"cards\":[1,2]}}", "{}" }, seen);
    }
}
