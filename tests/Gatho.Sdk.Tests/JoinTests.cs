using System.Text.Json;
using System.Text.RegularExpressions;
using Gatho.Drivers.Errors;
using Gatho.Drivers.Model;
using Gatho.Protocol.Errors;
using Gatho.Protocol.SeatTokens;
using Gatho.Protocol.Urls;
using Gatho.Sdk.Tests.Support;

namespace Gatho.Sdk.Tests;

public sealed partial class JoinTests : SdkTestBase
{
    [Fact]
    public async Task Join_returns_a_seat_url_whose_token_the_room_accepts_with_the_right_claims()
    {
        var server = await StartServerAsync("server-1");
        var room = await Bounded(Sdk.CreateRoomAsync("chat", "server-1"));
        var now = Clock.GetUtcNow();

        var seat = await Sdk.JoinAsync(room.RoomId, TimeSpan.FromSeconds(60), "{\"name\":\"ada\"}", Tags(("team", "red")));

        Assert.Matches(SeatUrlShape(), seat.Url);
        Assert.StartsWith(room.Endpoint + "/?token=", seat.Url);
        Assert.Equal((room.RoomId, now + TimeSpan.FromSeconds(60)), (seat.RoomId, seat.ExpiresAt));
        var verification = new SeatTokenVerifier(server.Secrets[room.RoomId]).Verify(TokenOf(seat), room.RoomId, now);
        Assert.True(verification.IsValid, verification.ToString());
        var claims = verification.Claims!;
        Assert.Equal((room.RoomId, seat.ClientId), (claims.RoomId, claims.ClientId));
        Assert.Equal(seat.ExpiresAt.ToUnixTimeSeconds(), claims.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal(now.ToUnixTimeSeconds(), claims.IssuedAt!.Value.ToUnixTimeSeconds());
        Assert.False(string.IsNullOrEmpty(claims.TokenId));
        Assert.Equal("{\"name\":\"ada\"}", claims.DataJson);
        Assert.Equal("red", claims.Tags["team"]);
    }

    [Fact]
    public async Task Join_records_a_reserved_client_under_the_seats_client_id()
    {
        await StartServerAsync("server-1");
        var room = await Bounded(Sdk.CreateRoomAsync("chat", "server-1"));

        var seat = await Sdk.JoinAsync(room.RoomId, tags: Tags(("team", "blue")));

        var client = Assert.Single((await Sdk.GetRoomAsync(room.RoomId))!.Clients);
        Assert.Equal((seat.ClientId, ClientStatus.Reserved, "blue"), (client.ClientId, client.Status, client.Tags["team"]));
    }

    [Fact]
    public async Task Every_seat_has_its_own_client_and_token_id_and_lasts_30_seconds_by_default()
    {
        var server = await StartServerAsync("server-1");
        var room = await Bounded(Sdk.CreateRoomAsync("chat", "server-1"));
        var now = Clock.GetUtcNow();
        var verifier = new SeatTokenVerifier(server.Secrets[room.RoomId]);

        var first = await Sdk.JoinAsync(room.RoomId);
        var second = await Sdk.JoinAsync(room.RoomId);

        Assert.NotEqual(first.ClientId, second.ClientId);
        Assert.NotEqual(verifier.Verify(TokenOf(first), room.RoomId, now).Claims!.TokenId, verifier.Verify(TokenOf(second), room.RoomId, now).Claims!.TokenId);
        Assert.Equal(now + TimeSpan.FromSeconds(30), first.ExpiresAt);
        var afterExpiry = first.ExpiresAt + SeatTokenVerifier.DefaultLeeway + TimeSpan.FromSeconds(1);
        Assert.Equal(SeatTokenStatus.Expired, verifier.Verify(TokenOf(first), room.RoomId, afterExpiry).Status);
    }

    [Fact]
    public async Task Nested_join_data_reaches_the_token_and_absent_data_is_an_empty_object()
    {
        var server = await StartServerAsync("server-1");
        var room = await Bounded(Sdk.CreateRoomAsync("chat", "server-1"));
        var verifier = new SeatTokenVerifier(server.Secrets[room.RoomId]);
        const string nested = "{\"profile\":{\"name\":\"ada\",\"level\":7,\"items\":[\"sword\",{\"kind\":\"shield\"}]},\"vip\":true}";

        var withData = await Sdk.JoinAsync(room.RoomId, dataJson: nested);
        var withoutData = await Sdk.JoinAsync(room.RoomId);

        var data = verifier.Verify(TokenOf(withData), room.RoomId, Clock.GetUtcNow()).Claims!.DataJson;
        Assert.Equal(nested, data);
        Assert.Equal(7, JsonDocument.Parse(data).RootElement.GetProperty("profile").GetProperty("level").GetInt32());
        Assert.Equal("{}", verifier.Verify(TokenOf(withoutData), room.RoomId, Clock.GetUtcNow()).Claims!.DataJson);
    }

    [Fact]
    public async Task Join_on_an_unknown_room_throws_RoomNotFound()
    {
        var error = await Assert.ThrowsAsync<RoomNotFoundException>(() => Sdk.JoinAsync("ghost-room"));

        Assert.Equal("ghost-room", error.RoomId);
    }

    [Fact]
    public async Task Join_on_a_room_that_is_not_running_throws_RoomNotRunning()
    {
        // The server never brings the room up: with the default outcome its push handler could report the room ready
        // before the join, and the room would no longer be "not running" (seen once in CI).
        var server = await StartServerAsync("server-1");
        server.OnAssigned = AssignmentOutcome.Ignore;
        var roomId = "requested-room";
        await Driver.RegisterRoomAsync(new RoomRegistration(roomId, "chat", "server-1", TimeSpan.FromSeconds(30)));

        var error = await Assert.ThrowsAsync<RoomNotRunningException>(() => Sdk.JoinAsync(roomId));

        Assert.Equal((roomId, RoomStatus.Requested), (error.RoomId, error.Status));
        Assert.Empty((await Sdk.GetRoomAsync(roomId))!.Clients);
    }

    [Fact]
    public async Task Join_with_bad_input_throws_the_specific_error_and_reserves_nothing()
    {
        await StartServerAsync("server-1");
        var room = await Bounded(Sdk.CreateRoomAsync("chat", "server-1"));

        var badTag = await Assert.ThrowsAsync<InvalidTagException>(() => Sdk.JoinAsync(room.RoomId, tags: Tags(("team", "red team"))));
        Assert.Contains("red team", badTag.Message);
        var tooBig = await Assert.ThrowsAsync<PayloadTooLargeException>(() => Sdk.JoinAsync(room.RoomId, dataJson: $"{{\"d\":\"{new string('x', 2041)}\"}}"));
        Assert.Equal(("data", 2049, 2048), (tooBig.Field, tooBig.SizeBytes, tooBig.LimitBytes));
        var bigTags = await Assert.ThrowsAsync<PayloadTooLargeException>(() => Sdk.JoinAsync(room.RoomId, tags: Tags(("t", new string('x', 505)))));
        Assert.Equal("tags", bigTags.Field);
        Assert.Equal(TimeSpan.Zero, (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Sdk.JoinAsync(room.RoomId, TimeSpan.Zero))).ActualValue);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Sdk.JoinAsync(room.RoomId, TimeSpan.FromSeconds(-30)));
        await Assert.ThrowsAsync<ArgumentException>(() => Sdk.JoinAsync(room.RoomId, dataJson: "not json"));

        Assert.Empty((await Sdk.GetRoomAsync(room.RoomId))!.Clients);
    }

    [Fact]
    public async Task Join_data_of_exactly_2048_bytes_is_accepted()
    {
        await StartServerAsync("server-1");
        var room = await Bounded(Sdk.CreateRoomAsync("chat", "server-1"));

        var seat = await Sdk.JoinAsync(room.RoomId, dataJson: $"{{\"d\":\"{new string('x', 2040)}\"}}");

        Assert.Equal(seat.ClientId, Assert.Single((await Sdk.GetRoomAsync(room.RoomId))!.Clients).ClientId);
    }

    private static string TokenOf(Seat seat) => QueryString.Get(SeatUrl.RawQuery(seat.Url), SeatUrl.TokenParameter)!;

    [GeneratedRegex(@"^ws://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")]
    private static partial Regex SeatUrlShape();
}
