using Gatho.Room.Testing;

namespace Gatho.Generators.Tests.Execution;

/// <summary>A room compiled from source in the test, run in <see cref="RoomTestHost"/>: typed messages without sockets.</summary>
public class InMemoryTests
{
    [Fact]
    public async Task A_typed_message_reaches_its_handler_and_the_typed_reply_comes_back()
    {
        await using var host = await RoomTestHost.StartAsync(ExecRoom.Loaded.Room(ExecRoom.Room));
        var client = await host.ConnectAsync("alice");

        await client.SendMessageAsync(ExecRoom.Ping(1, "hi"));

        Assert.Equal("Pong { N = 2, Text = hi, From = alice }", Assert.Single(client.ReceivedMessages).ToString());
        Assert.Equal("exec", ExecRoom.Contract.RoomType);
    }

    [Fact]
    public async Task Broadcast_with_except_skips_exactly_the_sender()
    {
        await using var host = await RoomTestHost.StartAsync(ExecRoom.Loaded.Room(ExecRoom.Room));
        var a = await host.ConnectAsync("a");
        var b = await host.ConnectAsync("b");
        var c = await host.ConnectAsync("c");

        await a.SendMessageAsync(ExecRoom.Loaded.New("Exec.Shout", "hello"));

        Assert.Equal(new[] { "Joined { Who = b }", "Joined { Who = c }" }, Texts(a));
        Assert.Equal(new[] { "Joined { Who = c }", "Heard { Text = hello, From = a }" }, Texts(b));
        Assert.Equal(new[] { "Heard { Text = hello, From = a }" }, Texts(c));
    }

    [Fact]
    public async Task Unreliable_typed_messages_dispatch_and_unreliable_typed_sends_arrive_unreliable()
    {
        await using var host = await RoomTestHost.StartAsync(ExecRoom.Loaded.Room(ExecRoom.Room));
        var client = await host.ConnectAsync("a");

        await client.SendMessageAsync(ExecRoom.Loaded.New("Exec.Blink", 5), reliable: false);

        var frame = Assert.Single(client.Received);
        Assert.False(frame.IsReliable);
        Assert.Equal("BlinkBack { N = 5 }", Assert.Single(client.ReceivedMessages).ToString());
    }

    [Fact]
    public async Task A_message_with_every_supported_member_kind_round_trips()
    {
        await using var host = await RoomTestHost.StartAsync(ExecRoom.Loaded.Room(ExecRoom.Room));
        var client = await host.ConnectAsync("a");
        var sent = ExecRoom.Everything();

        await client.SendMessageAsync(sent);

        var back = Assert.Single(client.ReceivedMessages);
        Assert.NotSame(sent, back);
        Assert.Equal(ExecRoom.Describe(sent), ExecRoom.Describe(back));
        Assert.Contains("0x0001FEFF", ExecRoom.Describe(back), StringComparison.Ordinal);
        Assert.Contains("Settings(\"cfg\", 9, [Point { X = 0, Y = 0 }])", ExecRoom.Describe(back), StringComparison.Ordinal);
        Assert.Contains("79228162514264337593543950335", ExecRoom.Describe(back), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown id")]
    [InlineData("undecodable body")]
    [InlineData("truncated body")]
    [InlineData("not an envelope")]
    public async Task A_bad_binary_payload_closes_that_client_with_1002_naming_the_id_and_the_room_carries_on(string kind)
    {
        var (payload, reason) = ExecRoom.BadPayload(kind);
        await using var host = await RoomTestHost.StartAsync(ExecRoom.Loaded.Room(ExecRoom.Room));
        var offender = await host.ConnectAsync("offender");
        var bystander = await host.ConnectAsync("bystander");

        await offender.SendAsync(payload);

        Assert.Equal(1002, offender.CloseCode);
        Assert.Contains(reason, offender.CloseReason, StringComparison.Ordinal);
        await bystander.SendMessageAsync(ExecRoom.Ping(1, "still here"));
        Assert.Equal("Pong { N = 2, Text = still here, From = bystander }", Assert.Single(bystander.ReceivedMessages).ToString());
        Assert.True(bystander.IsOpen);
    }

    [Fact]
    public async Task Text_to_a_room_without_a_text_handler_closes_that_client_with_1002()
    {
        await using var host = await RoomTestHost.StartAsync(ExecRoom.Loaded.Room(ExecRoom.Room));
        var offender = await host.ConnectAsync("offender");
        var bystander = await host.ConnectAsync("bystander");

        await offender.SendAsync("hello");

        Assert.Equal(1002, offender.CloseCode);
        Assert.Contains("accepts no text messages", offender.CloseReason, StringComparison.Ordinal);
        await bystander.SendMessageAsync(ExecRoom.Ping(7, "ok"));
        Assert.Single(bystander.ReceivedMessages);
    }

    private static string[] Texts(TestClient client) => client.ReceivedMessages.Select(m => m.ToString()!).ToArray();
}
