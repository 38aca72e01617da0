using Gatho.Client.Tests.Support;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Messages;

namespace Gatho.Client.Tests.Unit;

/// <summary>The client's state machine with a scripted transport and a fake clock: deterministic backoff, acks, resume.</summary>
public sealed class StateMachineTests : ScriptedClientTests
{
    [Fact]
    public async Task Backoff_is_gathos_formula_capped_and_exhausting_the_attempts_closes_1006_reconnect_failed()
    {
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);
        socket.Die();

        // Jitter sample 0 → factor 0.5: 500, 750, 1125 … ms, capped at 10 s.
        var expected = new[] { 500, 750, 1125, 1687.5, 2531.25, 3796.875, 5695.3125, 8542.96875, 10000, 10000 };
        for (var attempt = 1; attempt <= expected.Length; attempt++)
        {
            var (number, delay) = await NextScheduledAsync();
            Assert.Equal(attempt, number);
            Assert.Equal(expected[attempt - 1], delay.TotalMilliseconds, precision: 3);
            var before = Transport.Created;
            Time.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.Equal(before, Transport.Created);
            Time.Advance(TimeSpan.FromMilliseconds(1));
            var next = await Transport.NextAsync();
            Assert.Contains("session=tok1", next.Uri!.Query, StringComparison.Ordinal);
            next.Refuse();
        }

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(new ClientCloseInfo(CloseCodes.Abnormal, CloseReasons.ReconnectionAttemptsExhausted, CloseCause.ReconnectFailed), info);
        Assert.Equal(1 + 10, Transport.Created);
    }

    [Fact]
    public async Task A_successful_resume_resets_the_attempt_counter()
    {
        var (client, probe) = Create(reconnection: new ReconnectionPolicy { MaxAttempts = 2 });
        var socket = await OpenAsync(client, probe);
        socket.Die();
        Time.Advance((await NextScheduledAsync()).Delay);
        (await Transport.NextAsync()).Refuse();
        var (second, delay) = await NextScheduledAsync();
        Assert.Equal(2, second);
        Time.Advance(delay);
        var resumed = await Transport.NextAsync();
        resumed.Accept();
        resumed.ReceiveProtocol(new AckMessage(0));
        resumed.Session("c1", "tok2");
        await probe.Log.WaitAsync("reconnect");

        resumed.Die();

        var (first, firstDelay) = await NextScheduledAsync();
        Assert.Equal(1, first);
        Assert.Equal(500, firstDelay.TotalMilliseconds, precision: 3);
        Time.Advance(firstDelay);
        var again = await Transport.NextAsync();
        Assert.Contains("session=tok2", again.Uri!.Query, StringComparison.Ordinal);
        await client.CloseAsync();
    }

    [Fact]
    public async Task V2_resume_reports_what_was_processed_resends_what_the_room_lacks_in_order_then_new_sends()
    {
        var (client, probe) = Create();
        var first = await OpenAsync(client, probe);
        Assert.Contains("gv=2", first.Uri!.Query, StringComparison.Ordinal);
        client.Send("a");
        client.Send("b");
        client.Send("c");
        await first.Log.WaitAsync("t:c");
        first.ReceiveText("x");
        first.ReceiveText("y");
        first.ReceiveText("not counted", reliable: false);
        await probe.Log.WaitAsync("msg:not counted:u");

        first.Die();
        await probe.Log.WaitAsync("drop:1006");
        client.Send("d");
        Assert.False(client.Send("dropped", reliable: false));
        Time.Advance((await NextScheduledAsync()).Delay);
        var second = await Transport.NextAsync();

        Assert.Contains("session=tok1", second.Uri!.Query, StringComparison.Ordinal);
        Assert.Contains("ack=2", second.Uri.Query, StringComparison.Ordinal);
        second.Accept();
        second.ReceiveText("z");                          // replayed by the room: frame 3
        second.ReceiveProtocol(new AckMessage(1));        // the room processed "a" only
        second.Session("c1", "tok2");
        await probe.Log.WaitAsync("reconnect");
        client.Send("e");

        await second.Log.WaitAsync("t:e");
        Assert.Equal(new[] { "t:b", "t:c", "t:d", "ack:3", "t:e" }, second.Log.Entries);
        Assert.Equal(new[] { "x", "y", "not counted:u", "z" }, probe.Messages);
        Assert.Equal(new[] { "open", "drop:1006", "reconnect" }, probe.Lifecycle);
        await client.CloseAsync();
    }

    [Fact]
    public async Task Acks_go_out_at_32_frames_at_once_and_otherwise_within_the_interval_and_unreliable_frames_are_not_counted()
    {
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);
        for (var i = 1; i <= 31; i++)
        {
            socket.ReceiveText("m" + i);
        }

        await probe.Log.WaitAsync("msg:m31");
        Assert.DoesNotContain(socket.Log.Entries, e => e.StartsWith("ack:", StringComparison.Ordinal));
        socket.ReceiveText("m32");
        await socket.Log.WaitAsync("ack:32");

        socket.ReceiveText("m33");
        socket.ReceiveText("u", reliable: false);
        await probe.Log.WaitAsync("msg:u:u");
        Assert.Equal(1, socket.Log.Count(e => e.StartsWith("ack:", StringComparison.Ordinal)));
        Time.Advance(TimeSpan.FromSeconds(1));
        await socket.Log.WaitAsync("ack:33");

        socket.ReceiveText("m34", reliable: false);
        await probe.Log.WaitAsync("msg:m34:u");
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, socket.Log.Count(e => e.StartsWith("ack:", StringComparison.Ordinal)));
        await client.CloseAsync();
    }

    [Fact]
    public async Task V1_never_acks_never_numbers_and_sends_unreliable_messages_as_ordinary_frames()
    {
        var (client, probe) = Create(version: 1);
        var socket = await OpenAsync(client, probe);
        Assert.Contains("gv=1", socket.Uri!.Query, StringComparison.Ordinal);
        for (var i = 0; i < 40; i++)
        {
            socket.ReceiveText("m" + i);
        }

        await probe.Log.WaitAsync("msg:m39");
        client.Send("u", reliable: false);
        await socket.Log.WaitAsync("t:u");
        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(socket.Log.Entries, e => e.StartsWith("ack:", StringComparison.Ordinal));

        socket.Die();
        Time.Advance((await NextScheduledAsync()).Delay);
        var resumed = await Transport.NextAsync();
        Assert.DoesNotContain("ack=", resumed.Uri!.Query, StringComparison.Ordinal);
        Assert.Equal(0, client.BufferedBytes);
        await client.CloseAsync();
    }

    [Theory]
    [InlineData(CloseCodes.ResyncRequired, CloseReasons.ResyncRequired, CloseCause.ResyncRequired)]
    [InlineData(CloseCodes.GoingAway, CloseReasons.ServerDraining, CloseCause.Draining)]
    [InlineData(CloseCodes.ProtocolError, CloseReasons.ProtocolError, CloseCause.Server)]
    [InlineData(CloseCodes.Consented, CloseReasons.Evicted, CloseCause.Server)]
    [InlineData(CloseCodes.GoingAway, CloseReasons.RoomShuttingDown, CloseCause.RoomStopped)]
    public async Task Terminal_codes_from_the_room_close_without_resuming(int code, string reason, CloseCause cause)
    {
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);

        socket.PeerClose(code, reason);

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(new ClientCloseInfo(code, reason, cause), info);
        Assert.Equal(1, Transport.Created);
    }

    [Theory]
    [InlineData(CloseCodes.GoingAway, "")]
    [InlineData(CloseCodes.Normal, "")]
    [InlineData(CloseCodes.InternalError, CloseReasons.InternalError)]
    public async Task Other_codes_while_open_are_drops_to_resume_from(int code, string reason)
    {
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);

        socket.PeerClose(code, reason);

        await probe.Log.WaitAsync($"drop:{code}");
        Assert.Equal(ClientState.Reconnecting, client.State);
        await client.CloseAsync();
    }

    [Fact]
    public async Task An_auth_error_while_resuming_ends_with_cause_session_and_no_auth_error_event()
    {
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);
        socket.Die();
        Time.Advance((await NextScheduledAsync()).Delay);
        var resumed = await Transport.NextAsync();
        resumed.Accept();

        resumed.ReceiveProtocol(new AuthErrorMessage(AuthErrors.InvalidSession));

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(new ClientCloseInfo(CloseCodes.Consented, CloseReasons.SessionRejected, CloseCause.Session), info);
        await probe.ClosedAsync();
        Assert.Equal(new[] { "open", "drop:1006", "close:session" }, probe.Lifecycle);
        Assert.True(resumed.Aborted);
    }

    [Fact]
    public async Task Closing_while_reconnecting_abandons_the_pending_attempt()
    {
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);
        socket.Die();
        var (_, delay) = await NextScheduledAsync();

        var info = await client.CloseAsync();
        Time.Advance(delay * 2);

        Assert.Equal(new ClientCloseInfo(CloseCodes.Consented, CloseReasons.ClientClosedDuringReconnection, CloseCause.Consented), info);
        Assert.Equal(1, Transport.Created);
        Assert.False(Transport.HasPending);
    }

    [Fact]
    public async Task A_first_connect_without_a_session_within_the_handshake_timeout_fails()
    {
        var (client, probe) = Create();
        client.Connect();
        var socket = await Transport.NextAsync();
        socket.Accept();

        Time.Advance(TimeSpan.FromSeconds(10));

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(CloseCause.InitialConnectFailed, info.Cause);
        Assert.Equal("handshake timed out", info.Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x09, 1 }, 2)]
    [InlineData(new byte[0], 2)]
    [InlineData(new byte[] { 0x03, (byte)'u' }, 1)]
    [InlineData(new byte[] { 0x00, 0x07 }, 2)]
    [InlineData(new byte[] { 0x01, 0xFF, 0xFE }, 2)]
    public async Task Frames_the_protocol_does_not_allow_close_1002_with_cause_protocol_error(byte[] frame, int version)
    {
        var (client, probe) = Create(version: version);
        var socket = await OpenAsync(client, probe);

        socket.Receive(frame);

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(new ClientCloseInfo(CloseCodes.ProtocolError, CloseReasons.ProtocolError, CloseCause.ProtocolError), info);
        await socket.Log.WaitAsync("close:1002");
        await probe.ClosedAsync();
        Assert.Contains(probe.Errors, e => e is ClientProtocolException);
    }

    [Fact]
    public async Task An_ack_for_frames_never_sent_is_a_protocol_error()
    {
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);
        client.Send("one");

        socket.ReceiveProtocol(new AckMessage(2));

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(CloseCause.ProtocolError, info.Cause);
        await probe.ClosedAsync();
        Assert.Contains(probe.Errors, e => e.Message.Contains("acknowledged frame 2 but the client sent only 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Acknowledged_frames_are_let_go_and_v2_holds_unacknowledged_ones_against_the_limit()
    {
        var (client, probe) = Create(maxBufferedBytes: 10);
        var socket = await OpenAsync(client, probe);
        client.Send("1234");                        // 5 wire bytes, held until acked
        client.Send("1234");                        // 10
        Assert.Equal(10, client.BufferedBytes);
        socket.ReceiveProtocol(new AckMessage(1));
        await socket.Log.WaitAsync("t:1234");
        await WaitForAsync(() => client.BufferedBytes == 5);

        client.Send("1234");
        Assert.False(client.Send("x"));

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(CloseCause.BufferOverflow, info.Cause);
        await socket.Log.WaitAsync("close:1009");
    }

    [Fact]
    public async Task A_room_that_stops_acknowledging_is_dropped_at_the_room_ack_timeout_and_the_unacknowledged_frames_are_resent()
    {
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);
        client.Send("a");
        await socket.Log.WaitAsync("t:a");

        // The ack tick checks the deadline once a second: nine ticks pass, the tenth finds 10 s without an ack.
        TickSeconds(9);
        AssertStillOpen(socket, probe);
        Time.Advance(TimeSpan.FromSeconds(1));
        await probe.Log.WaitAsync("drop:1006");
        Assert.True(socket.Aborted);

        Time.Advance((await NextScheduledAsync()).Delay);
        var resumed = await Transport.NextAsync();
        resumed.Accept();
        resumed.ReceiveProtocol(new AckMessage(0));   // the room never got "a"
        resumed.Session("c1", "tok2");
        await probe.Log.WaitAsync("reconnect");
        await resumed.Log.WaitAsync("t:a");
        await client.CloseAsync();
    }

    [Fact]
    public async Task A_room_that_keeps_sending_data_is_not_judged_dead_while_its_ack_is_late()
    {
        // Issue 17 defect 12: a client far behind in reading gets the room's ack late; data still flowing proves the path.
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);
        client.Send("a");
        await socket.Log.WaitAsync("t:a");
        for (var second = 1; second <= 30; second++)
        {
            socket.ReceiveText("tick " + second);
            await probe.Log.WaitAsync("msg:tick " + second);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        AssertStillOpen(socket, probe);
        await client.CloseAsync();
    }

    [Fact]
    public async Task A_room_that_keeps_acknowledging_keeps_a_sending_client_connected()
    {
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);
        for (var i = 1; i <= 30; i++)
        {
            client.Send("m" + i);
            await socket.Log.WaitAsync("t:m" + i);
            Time.Advance(TimeSpan.FromSeconds(1));

            // Acks arrive a second after each send, always one frame behind: something is always unacknowledged.
            if (i > 1)
            {
                socket.ReceiveProtocol(new AckMessage((uint)(i - 1)));
                await WaitForAsync(() => client.BufferedBytes == 3 + (i < 10 ? 0 : 1));
            }
        }

        AssertStillOpen(socket, probe);
        await client.CloseAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_drop_for_missing_acks_while_the_client_sends_nothing_or_when_the_timeout_is_off(bool sendWithTimeoutOff)
    {
        var (client, probe) = Create(acks: sendWithTimeoutOff ? new AckPolicy { RoomAckTimeout = Timeout.InfiniteTimeSpan } : null);
        var socket = await OpenAsync(client, probe);
        if (sendWithTimeoutOff)
        {
            client.Send("never acknowledged");
            await socket.Log.WaitAsync("t:never acknowledged");
        }

        TickSeconds(60);
        AssertStillOpen(socket, probe);
        await client.CloseAsync();
    }

    /// <summary>Advances the clock a second at a time, so every periodic tick runs.</summary>
    private void TickSeconds(int seconds)
    {
        for (var second = 1; second <= seconds; second++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private static void AssertStillOpen(FakeSocket socket, ClientProbe probe)
    {
        Assert.False(socket.Aborted);
        Assert.Equal(new[] { "open" }, probe.Lifecycle);
    }

    /// <summary>For state changed by a receive loop with no event of its own; bounded by the patience limit.</summary>
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
