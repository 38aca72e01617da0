using Gatho.Client.Delivery;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Framing;

namespace Gatho.Client.Tests.Unit;

/// <summary>The pure parts: backoff formula, close rules, the outbound buffer and the inbound ack counter.</summary>
public sealed class PolicyAndBufferTests
{
    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 0.5, 1000)]
    [InlineData(1, 0.999, 1499)]
    [InlineData(2, 0.5, 1500)]
    [InlineData(6, 0.0, 3796.875)]
    [InlineData(6, 0.999, 10000)]
    [InlineData(10, 0.0, 10000)]
    public void Delays_follow_gathos_formula_with_jitter_before_the_cap(int attempt, double random, double expectedMs)
    {
        Assert.Equal(expectedMs, ReconnectionPolicy.Default.DelayFor(attempt, random).TotalMilliseconds, precision: 0);
    }

    [Fact]
    public void Policies_that_make_no_sense_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectionPolicy { BackoffFactor = 0.5 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectionPolicy { Jitter = 2 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectionPolicy { MaxAttempts = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectionPolicy.Default.DelayFor(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GathoClient("ws://x/", new GathoClientOptions { ProtocolVersion = 3 }));
        Assert.Throws<ArgumentException>(() => new GathoClient("ftp://x/"));
        var ackTimeout = Assert.Throws<ArgumentOutOfRangeException>(() => new GathoClient("ws://x/", new GathoClientOptions { Acks = new AckPolicy { RoomAckTimeout = TimeSpan.Zero } }));
        Assert.Equal((nameof(AckPolicy.RoomAckTimeout), (object)TimeSpan.Zero), (ackTimeout.ParamName, ackTimeout.ActualValue));
        new AckPolicy { RoomAckTimeout = Timeout.InfiniteTimeSpan }.Validate();
    }

    [Theory]
    [InlineData(ClientState.Connecting, 1006, "", false, false, false, CloseCause.InitialConnectFailed)]
    [InlineData(ClientState.Connecting, 4000, "auth rejected", false, true, false, CloseCause.Auth)]
    [InlineData(ClientState.Connecting, 1001, "server draining, rejoin", false, false, false, CloseCause.Draining)]
    [InlineData(ClientState.Open, 4000, "evicted", false, false, true, CloseCause.Server)]
    [InlineData(ClientState.Open, 4000, "consented leave", true, false, true, CloseCause.Consented)]
    [InlineData(ClientState.Open, 1006, "", true, false, true, CloseCause.Consented)]
    [InlineData(ClientState.Open, 4001, "resync required", false, false, true, CloseCause.ResyncRequired)]
    [InlineData(ClientState.Open, 4002, "too slow: outbound buffer full", false, false, true, CloseCause.Server)]
    [InlineData(ClientState.Reconnecting, 4000, "invalid session", false, true, true, CloseCause.Session)]
    [InlineData(ClientState.Reconnecting, 4001, "resync required", false, false, true, CloseCause.ResyncRequired)]
    public void Terminal_closes_get_their_cause(ClientState state, int code, string reason, bool requested, bool authError, bool session, CloseCause cause)
    {
        var decision = CloseClassifier.Classify(state, code, reason, requested, authError, session);

        Assert.False(decision.Resume);
        Assert.Equal(cause, decision.Cause);
    }

    [Theory]
    [InlineData(ClientState.Open, 1006)]
    [InlineData(ClientState.Open, 1001)]
    [InlineData(ClientState.Open, 1011)]
    [InlineData(ClientState.Reconnecting, 1006)]
    public void Other_closes_resume(ClientState state, int code)
    {
        Assert.True(CloseClassifier.Classify(state, code, string.Empty, false, false, true).Resume);
    }

    [Fact]
    public void The_outbound_buffer_numbers_frames_counts_wire_bytes_and_refuses_impossible_acks()
    {
        var buffer = new OutboundBuffer(limit: 12);
        Assert.True(buffer.Add(OutboundFrame.ForText(FrameType.Text, "abc")));     // 4 bytes, #1
        Assert.True(buffer.Add(OutboundFrame.ForText(FrameType.Text, "é")));       // 3 bytes, #2
        Assert.True(buffer.Add(OutboundFrame.ForBytes(FrameType.Binary, new byte[4]))); // 5 bytes, #3
        Assert.Equal(12, buffer.Bytes);
        Assert.Equal(3u, buffer.LastSequence);

        Assert.Null(buffer.Acknowledge(2));
        Assert.Equal(5, buffer.Bytes);
        Assert.Equal(1, buffer.Count);
        Assert.NotNull(buffer.Acknowledge(1));    // below an earlier ack: frames 1..2 are gone
        Assert.NotNull(buffer.Acknowledge(4));    // never sent
        Assert.Null(buffer.Acknowledge(3));
        Assert.Equal(0, buffer.Bytes);

        Assert.True(buffer.Add(OutboundFrame.ForBytes(FrameType.Binary, new byte[11])));   // 12: at the limit
        Assert.False(buffer.Add(OutboundFrame.ForBytes(FrameType.Binary, Array.Empty<byte>()))); // 13: over
    }

    [Fact]
    public void The_inbound_counter_asks_for_an_ack_at_the_frame_or_byte_threshold()
    {
        var tracker = new InboundAckTracker(new AckPolicy { FrameThreshold = 3, ByteThreshold = 100 });
        Assert.False(tracker.OnReliableFrame(10));
        Assert.False(tracker.OnReliableFrame(10));
        Assert.True(tracker.OnReliableFrame(10));
        Assert.Equal(3u, tracker.Report());
        Assert.False(tracker.HasUnreported);
        Assert.True(tracker.OnReliableFrame(100));
        Assert.True(tracker.HasUnreported);
    }
}
