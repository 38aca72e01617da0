using Gatho.Generators.Tests.Support;
using Gatho.Room;

namespace Gatho.Generators.Tests.Execution;

/// <summary>
/// The same compiled room on a real Kestrel WebSocket on loopback, with the generated typed client (also compiled
/// from source) over a real GathoClient.
/// </summary>
public class SocketTests
{
    private static RoomOptions Standalone() => new()
    {
        Standalone = true,
        Host = "127.0.0.1",
        Port = 0,
        StopOnProcessSignals = false,
        LoggerFactory = ExecRoom.Logging,
        Environment = new Dictionary<string, string?>(),
    };

    private static Task<RoomHost> StartAsync() => RoomHost.StartAsync(Standalone(), ExecRoom.Loaded.Room(ExecRoom.Room));

    private static async Task<TypedClientProxy> JoinAsync(RoomHost host)
    {
        var client = new TypedClientProxy(ExecRoom.Loaded.Type(ExecRoom.Client), host.Url);
        await client.ConnectAsync().WaitAsync(EventLog.Patience);
        return client;
    }

    [Fact]
    public async Task Typed_messages_round_trip_both_ways_over_a_real_socket()
    {
        await using var host = await StartAsync();
        await using var client = await JoinAsync(host);

        Assert.True(client.Send(ExecRoom.Ping(41, "over the wire")));

        await client.Log.WaitAsync($"Pong:Pong {{ N = 42, Text = over the wire, From = {client.Connection.ClientId} }}");
    }

    [Fact]
    public async Task Broadcast_with_except_reaches_the_others_but_not_the_sender()
    {
        await using var host = await StartAsync();
        await using var a = await JoinAsync(host);
        await using var b = await JoinAsync(host);
        await a.Log.WaitAsync($"Joined:Joined {{ Who = {b.Connection.ClientId} }}");

        a.Send(ExecRoom.Loaded.New("Exec.Shout", "hey"));
        await b.Log.WaitAsync($"Heard:Heard {{ Text = hey, From = {a.Connection.ClientId} }}");

        // The room answers a's ping after handling the shout, and one client's messages arrive in order: had the
        // broadcast reached a, it would be in a's log before the pong.
        a.Send(ExecRoom.Ping(1, "after"));
        await a.Log.WaitAsync(e => e.StartsWith("Pong:", StringComparison.Ordinal), "pong");
        Assert.DoesNotContain(a.Log.Entries, e => e.StartsWith("Heard:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreliable_typed_messages_travel_both_ways()
    {
        await using var host = await StartAsync();
        await using var client = await JoinAsync(host);

        Assert.True(client.Send(ExecRoom.Loaded.New("Exec.Blink", 3), reliable: false));

        await client.Log.WaitAsync("BlinkBack:BlinkBack { N = 3 }");
        Assert.Equal(new[] { "unreliable" }, client.Frames.Entries);
    }

    [Fact]
    public async Task A_message_with_every_supported_member_kind_round_trips_over_a_real_socket()
    {
        await using var host = await StartAsync();
        await using var client = await JoinAsync(host);
        var sent = ExecRoom.Everything();

        client.Send(sent);

        await client.Log.WaitAsync(e => e.StartsWith("Everything:", StringComparison.Ordinal), "everything");
        Assert.Equal(ExecRoom.Describe(sent), ExecRoom.Describe(Assert.Single(client.Received)));
    }

    [Theory]
    [InlineData("unknown id")]
    [InlineData("undecodable body")]
    [InlineData("truncated body")]
    [InlineData("not an envelope")]
    [InlineData("text")]
    public async Task A_bad_payload_closes_only_that_connection_with_1002_and_a_reason(string kind)
    {
        await using var host = await StartAsync();
        await using var bystander = await JoinAsync(host);
        await using var offender = await WireClient.ConnectAsync(host.Url + "?gv=2");
        await offender.SessionAsync();

        string reason;
        if (kind == "text")
        {
            await offender.SendTextAsync("hello");
            reason = "accepts no text messages";
        }
        else
        {
            (var payload, reason) = ExecRoom.BadPayload(kind);
            await offender.SendBytesAsync(payload);
        }

        var closed = await offender.ClosedAsync();
        Assert.Equal(1002, closed.Code);
        Assert.Contains(reason, closed.Reason, StringComparison.Ordinal);

        bystander.Send(ExecRoom.Ping(9, "unharmed"));
        await bystander.Log.WaitAsync(e => e.StartsWith("Pong:Pong { N = 10, Text = unharmed", StringComparison.Ordinal), "pong after the offender left");
        Assert.False(host.Stopped.IsCompleted);
        Assert.Equal(Gatho.Client.ClientState.Open, bystander.Connection.State);
    }
}
