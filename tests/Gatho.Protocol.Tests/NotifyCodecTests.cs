using Gatho.Protocol.Errors;
using Gatho.Protocol.Notify;

namespace Gatho.Protocol.Tests;

// Byte examples from gatho-behaviour §6.3, then round trips of every notify message.
public class NotifyCodecTests
{
    [Fact]
    public void Ready_8080_matches_the_reference_bytes()
    {
        AssertPayload(new ReadyNotify(8080), "00 90 1F");
    }

    [Fact]
    public void Client_disconnected_matches_the_reference_bytes()
    {
        AssertPayload(new ClientDisconnectedNotify("a"), "03 01 61");
    }

    [Fact]
    public void Stopped_matches_the_reference_bytes()
    {
        AssertPayload(StoppedNotify.Instance, "05");
    }

    [Fact]
    public void Heartbeat_matches_the_reference_bytes()
    {
        var heartbeat = new HeartbeatNotify(
            new[] { new HeartbeatClient("a", new Dictionary<string, string> { ["k"] = "v", ["x"] = "y" }) },
            Metrics: null,
            Timestamp: 1.0);
        AssertPayload(heartbeat, "01 01 01 61 02 01 6B 01 78 01 76 01 79 00 00 00 00 00 00 00 F0 3F");
    }

    [Fact]
    public void Room_tags_and_room_lock_have_fixed_bytes()
    {
        // room-tags: index 6, remove ["m"], set {"s":"p"} (count, keys, then values).
        AssertPayload(new RoomTagsNotify(new Dictionary<string, string> { ["s"] = "p" }, new[] { "m" }), "06 01 01 6D 01 01 73 01 70");
        AssertPayload(new RoomLockNotify(true), "07 01");
        AssertPayload(new RoomLockNotify(false), "07 00");
    }

    [Fact]
    public void Frame_has_a_big_endian_length_prefix()
    {
        Assert.Equal("00 00 00 03 00 90 1F", Hex.Format(NotifyCodec.EncodeFrame(new ReadyNotify(8080))));
    }

    [Fact]
    public void Every_message_round_trips()
    {
        var tags = new Dictionary<string, string> { ["region"] = "eu", ["tier"] = "gold" };
        NotifyMessage[] messages =
        {
            new ReadyNotify(0),
            new ReadyNotify(65535),
            new HeartbeatNotify(Array.Empty<HeartbeatClient>(), null, 1732468800123.5),
            new HeartbeatNotify(
                new[] { new HeartbeatClient("c1", tags), new HeartbeatClient("c2", new Dictionary<string, string>()) },
                new ProcessMetrics(12.5, 99.25, 1 << 20, 1 << 19, 25_000_000),
                double.MaxValue),
            new ClientConnectedNotify("c1", "room-1", tags),
            new ClientDisconnectedNotify("ünïcode"),
            new ErrorNotify("subprocess spawn failed: no such file"),
            StoppedNotify.Instance,
            new RoomTagsNotify(tags, new[] { "state", "mode" }),
            new RoomTagsNotify(new Dictionary<string, string>(), Array.Empty<string>()),
            new RoomLockNotify(true),
            new RoomLockNotify(false),
        };

        foreach (var message in messages)
        {
            var frame = NotifyCodec.EncodeFrame(message);
            var decoded = NotifyCodec.Decode(frame.AsSpan(NotifyCodec.LengthPrefixSize));
            Assert.Equal(Describe(message), Describe(decoded));
        }
    }

    [Theory]
    [InlineData("06")]
    [InlineData("08")]
    [InlineData("07 02")]
    [InlineData("06 01 01 61 00 00")]
    [InlineData("00 90")]
    [InlineData("05 00")]
    [InlineData("01 01 01 61 00 02")]
    [InlineData("01 FF FF FF 0F")]
    public void Malformed_payloads_are_protocol_errors(string bytes)
    {
        Assert.False(NotifyCodec.TryDecode(Hex.Parse(bytes), out _, out var error));
        Assert.NotNull(error);
        Assert.Throws<GathoProtocolException>(() => NotifyCodec.Decode(Hex.Parse(bytes)));
    }

    private static void AssertPayload(NotifyMessage message, string expected)
    {
        var frame = NotifyCodec.EncodeFrame(message);
        Assert.Equal(expected, Hex.Format(frame.AsSpan(NotifyCodec.LengthPrefixSize)));
        Assert.Equal(Describe(message), Describe(NotifyCodec.Decode(Hex.Parse(expected))));
    }

    // Records holding lists compare by reference, so compare a full textual description instead.
    internal static string Describe(NotifyMessage message) => message switch
    {
        HeartbeatNotify h => $"heartbeat {h.Timestamp:R} {h.Metrics} [{string.Join(";", h.Clients.Select(c => c.ClientId + Tags(c.Tags)))}]",
        ClientConnectedNotify c => $"connected {c.ClientId} {c.RoomId} {Tags(c.Tags)}",
        RoomTagsNotify t => $"room-tags -[{string.Join(",", t.Remove)}] +{Tags(t.Set)}",
        _ => message.ToString(),
    };

    private static string Tags(IReadOnlyDictionary<string, string> tags) => "{" + string.Join(",", tags.Select(t => t.Key + "=" + t.Value)) + "}";
}

public class RoomCommandCodecTests
{
    [Fact]
    public void Stop_command_round_trips_with_a_length_prefix()
    {
        var frame = RoomCommandCodec.EncodeFrame(new StopRoomCommand("server draining, rejoin"));
        Assert.Equal("00 00 00 19 00 17", Hex.Format(frame.AsSpan(0, 6)));
        Assert.Equal(new StopRoomCommand("server draining, rejoin"), RoomCommandCodec.Decode(frame.AsSpan(4)));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("00 05 61")]
    [InlineData("")]
    public void Malformed_commands_are_protocol_errors(string bytes)
    {
        Assert.Throws<GathoProtocolException>(() => RoomCommandCodec.Decode(Hex.Parse(bytes)));
    }
}
