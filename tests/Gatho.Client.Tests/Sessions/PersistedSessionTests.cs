using Gatho.Client.Tests.Support;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Messages;

namespace Gatho.Client.Tests.Sessions;

/// <summary>Issue 12, item 4, against a scripted transport: the session string, and a client restored from it.</summary>
public sealed class PersistedSessionTests : ScriptedClientTests
{
    private const string Persisted = "gs1:2:p1:tok9:ws%3A%2F%2Froom.test%2Fplay%3Fregion%3Deu";

    [Fact]
    public async Task The_session_is_the_rooms_latest_token_and_the_room_url_without_the_seat_and_round_trips_as_text()
    {
        var (client, probe) = Create();
        var changes = new List<GathoSession>();
        client.SessionChanged += changes.Add;
        Assert.Null(client.Session);
        var socket = await OpenAsync(client, probe);

        var session = client.Session!;
        Assert.Equal(("c1", "ws://room.test/", 2), (session.ClientId, session.RoomUrl, session.ProtocolVersion));
        Assert.Equal("gs1:2:c1:tok1:ws%3A%2F%2Froom.test%2F", session.ToString());
        var parsed = GathoSession.Parse(session.ToString());
        Assert.Equal((session.ClientId, session.RoomUrl, session.ToString()), (parsed.ClientId, parsed.RoomUrl, parsed.ToString()));

        socket.Die();
        Time.Advance((await NextScheduledAsync()).Delay);
        var resumed = await Transport.NextAsync();
        resumed.Accept();
        resumed.ReceiveProtocol(new AckMessage(0));
        resumed.Session("c1", "tok2");
        await probe.Log.WaitAsync("reconnect");
        Assert.Equal("gs1:2:c1:tok2:ws%3A%2F%2Froom.test%2F", client.Session!.ToString());
        Assert.Equal(new[] { "tok1", "tok2" }, changes.Select(s => s.ToString().Split(':')[3]));
        await client.CloseAsync();
    }

    [Fact]
    public void A_v1_client_has_no_session_to_persist()
    {
        var (client, _) = Create(version: 1);
        Assert.Null(client.Session);
        Assert.Throws<ArgumentException>(() => new GathoClient(GathoSession.Parse(Persisted), Options(version: 1)));
    }

    [Theory]
    [InlineData("", "expected 5")]
    [InlineData("gs2:2:p1:tok:ws%3A%2F%2Fh%2F", "starting with \"gs1\"")]
    [InlineData("gs1:1:p1:tok:ws%3A%2F%2Fh%2F", "protocol version \"1\"")]
    [InlineData("gs1:2::tok:ws%3A%2F%2Fh%2F", "client id is empty")]
    [InlineData("gs1:2:p1::ws%3A%2F%2Fh%2F", "session token is empty")]
    [InlineData("gs1:2:p1:tok:http%3A%2F%2Fh%2F", "room URL is not a room's")]
    public void A_string_that_is_not_a_session_is_refused_with_what_is_wrong(string text, string problem)
    {
        var error = Assert.Throws<FormatException>(() => GathoSession.Parse(text));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.False(GathoSession.TryParse(text, out var session));
        Assert.Null(session);
    }

    [Fact]
    public async Task A_restored_client_asks_for_everything_unacknowledged_numbers_its_sends_after_the_rooms_count_and_acks_the_replay()
    {
        var (client, probe) = Watch(new GathoClient(GathoSession.Parse(Persisted), Options()));
        client.Connect();
        Assert.True(client.Send("early"));
        var socket = await Transport.NextAsync();

        Assert.Equal("ws://room.test/play?region=eu&session=tok9&gv=2&restart=1", socket.Uri!.ToString());
        socket.Accept();
        socket.ReceiveText("missed-1");                 // the room's replay, numbered from 1 for this process
        socket.ReceiveText("missed-2");
        socket.ReceiveProtocol(new AckMessage(7));      // the old process's 7 frames reached the room
        socket.Session("p1", "tok10");
        await probe.OpenAsync();
        await socket.Log.WaitAsync("ack:2");

        Assert.Equal(new[] { "t:early", "ack:2" }, socket.Log.Entries);
        Assert.Equal(("p1", ClientState.Open), (client.ClientId, client.State));
        Assert.Equal(new[] { "missed-1", "missed-2" }, probe.Messages);
        socket.ReceiveProtocol(new AckMessage(8));      // "early" is frame 8 of the session
        await WaitForAsync(() => client.BufferedBytes == 0);
        Assert.Equal(new[] { "open" }, probe.Lifecycle);
        Assert.Empty(probe.Errors);
        await client.CloseAsync();
    }

    [Fact]
    public async Task A_restored_session_the_room_no_longer_knows_closes_with_cause_session_and_no_auth_error()
    {
        var (client, probe) = Watch(new GathoClient(GathoSession.Parse(Persisted), Options()));
        var connecting = client.ConnectAsync();
        var socket = await Transport.NextAsync();
        socket.Accept();
        socket.ReceiveProtocol(new AuthErrorMessage("invalid session"));
        socket.PeerClose(CloseCodes.Consented, CloseReasons.InvalidSession);

        var error = await Assert.ThrowsAsync<ClientClosedException>(() => connecting);
        Assert.Equal(new ClientCloseInfo(CloseCodes.Consented, CloseReasons.SessionRejected, CloseCause.Session), error.Info);
        await probe.ClosedAsync();
        Assert.Equal(new[] { "close:session" }, probe.Lifecycle);
    }

    [Fact]
    public async Task A_restored_session_refused_at_the_upgrade_closes_with_cause_session()
    {
        var (client, _) = Watch(new GathoClient(GathoSession.Parse(Persisted), Options()));
        client.Connect();
        (await Transport.NextAsync()).AnswerHttp(401);

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal((CloseCause.Session, 401), (info.Cause, info.HttpStatus));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(EventLog.Patience);
        while (!condition())
        {
            await Task.Yield();
            limit.Token.ThrowIfCancellationRequested();
        }
    }
}
