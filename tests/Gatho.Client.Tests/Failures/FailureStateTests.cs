using Gatho.Client.Tests.Support;
using Gatho.Protocol.Closing;

namespace Gatho.Client.Tests.Failures;

/// <summary>Issue 13, items 1–5 against a scripted transport and a fake clock: refusals, HTTP statuses, quiet drops, cancel, big messages.</summary>
public sealed class FailureStateTests : ScriptedClientTests
{
    [Theory]
    [InlineData(400, CloseCause.VersionMismatch)]
    [InlineData(401, CloseCause.SeatRefused)]
    [InlineData(503, CloseCause.RoomFull)]
    [InlineData(404, CloseCause.HttpError)]
    [InlineData(426, CloseCause.HttpError)]
    public async Task A_refused_upgrade_on_the_first_connect_gets_the_cause_of_its_http_status(int status, CloseCause cause)
    {
        var (client, _) = Create();
        client.Connect();
        (await Transport.NextAsync()).AnswerHttp(status);

        var info = await client.Completion.WaitAsync(EventLog.Patience);

        Assert.Equal(cause, info.Cause);
        Assert.Equal(status, info.HttpStatus);
        Assert.Contains($"HTTP {status}", info.Reason, StringComparison.Ordinal);
        Assert.Equal(CloseCodes.Abnormal, info.Code);
    }

    [Fact]
    public async Task A_room_whose_port_refuses_resumes_is_gone_after_three_refusals_within_two_seconds_of_backoff()
    {
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);
        socket.Die();

        var waited = TimeSpan.Zero;
        for (var refusal = 1; refusal <= 3; refusal++)
        {
            var (attempt, delay) = await NextScheduledAsync();
            Assert.Equal(refusal, attempt);
            waited += delay;
            Time.Advance(delay);
            (await Transport.NextAsync()).RefuseConnection();
        }

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(CloseCause.RoomGone, info.Cause);
        Assert.Equal(CloseCodes.Abnormal, info.Code);
        Assert.StartsWith("room is gone", info.Reason, StringComparison.Ordinal);
        Assert.IsType<RoomConnectException>(info.Error);

        // First delay 500 ms (jitter 0), then the refused-retry cap of 500 ms: 1.5 s instead of gatho's 10 attempts (≈ 45 s).
        Assert.Equal(1500, waited.TotalMilliseconds, precision: 3);
        Assert.Equal(1 + 3, Transport.Created);
        Assert.Empty(probe.Errors);
    }

    [Fact]
    public async Task Timeouts_and_resets_between_refusals_keep_the_ordinary_backoff()
    {
        var (client, probe) = Create(reconnection: new ReconnectionPolicy { MaxAttempts = 4 });
        var socket = await OpenAsync(client, probe);
        socket.Die();

        Time.Advance((await NextScheduledAsync()).Delay);
        (await Transport.NextAsync()).RefuseConnection();
        Time.Advance((await NextScheduledAsync()).Delay);
        (await Transport.NextAsync()).RefuseConnection();
        var (_, third) = await NextScheduledAsync();
        Time.Advance(third);
        (await Transport.NextAsync()).Refuse(); // a reset, not "nothing listening": the count starts again
        var (fourthAttempt, fourth) = await NextScheduledAsync();
        Assert.Equal(4, fourthAttempt);
        Assert.Equal(500 * 1.5 * 1.5 * 1.5, fourth.TotalMilliseconds, precision: 3);
        Time.Advance(fourth);
        (await Transport.NextAsync()).RefuseConnection();

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(CloseCause.ReconnectFailed, info.Cause);
    }

    [Fact]
    public async Task A_resume_answered_with_http_401_ends_with_cause_session_at_once()
    {
        var (client, probe) = Create();
        var socket = await OpenAsync(client, probe);
        socket.Die();
        Time.Advance((await NextScheduledAsync()).Delay);

        (await Transport.NextAsync()).AnswerHttp(401);

        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(CloseCause.Session, info.Cause);
        Assert.Equal(401, info.HttpStatus);
        Assert.Equal(2, Transport.Created);
    }

    [Fact]
    public async Task An_ordinary_drop_raises_dropped_with_its_cause_and_no_error()
    {
        var (client, probe) = Create();
        // Waits for this handler itself: the probe's handler runs first, so its log entry does not mean this one ran.
        var dropped = new TaskCompletionSource<ClientDrop>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Dropped += d => dropped.TrySetResult(d);
        var socket = await OpenAsync(client, probe);

        socket.Die();

        await probe.Log.WaitAsync("drop:1006");
        var drop = await dropped.Task.WaitAsync(EventLog.Patience);
        Assert.IsType<System.Net.WebSockets.WebSocketException>(drop.Error);
        Assert.Empty(probe.Errors);
        await client.CloseAsync();
        Assert.Empty(probe.Errors);
    }

    [Fact]
    public async Task Cancelling_connect_gives_up_the_attempt_and_closes_with_cause_cancelled()
    {
        var (client, probe) = Create();
        using var cancel = new CancellationTokenSource();
        var connecting = client.ConnectAsync(cancel.Token);
        var socket = await Transport.NextAsync();

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);
        var info = await client.Completion.WaitAsync(EventLog.Patience);
        Assert.Equal(new ClientCloseInfo(CloseCodes.Consented, "connect cancelled", CloseCause.Cancelled), info);
        Assert.Equal(ClientState.Closed, client.State);
        Assert.True(socket.Aborted);
        await probe.ClosedAsync();
        Assert.Equal(new[] { "close:cancelled" }, probe.Lifecycle);
    }

    [Fact]
    public async Task A_token_cancelled_before_connect_never_dials()
    {
        var (client, _) = Create();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ConnectAsync(cancel.Token));

        Assert.Equal(0, Transport.Created);
    }

    [Fact]
    public async Task One_message_larger_than_the_buffer_is_refused_on_its_own_and_the_session_carries_on()
    {
        var (client, probe) = Create(maxBufferedBytes: 100);
        var socket = await OpenAsync(client, probe);

        var error = Assert.Throws<OutgoingMessageTooLargeException>(() => client.Send(new byte[100]));

        Assert.Equal((101L, 100L), (error.Size, error.Limit));
        Assert.Contains("MaxBufferedBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.BufferedBytes);
        Assert.True(client.Send("next"));
        await socket.Log.WaitAsync("t:next");
        Assert.Equal(ClientState.Open, client.State);

        // Unreliable messages are never buffered: only the room's limit applies to them.
        Assert.True(client.Send(new byte[100], reliable: false));
        await socket.Log.WaitAsync(e => e.StartsWith("ub:", StringComparison.Ordinal), "the unreliable message");
        AssertOpen(client, probe);
    }

    [Fact]
    public async Task One_message_over_the_rooms_limit_is_refused_naming_its_size_and_the_limit()
    {
        var (client, probe) = Create(maxSendMessageBytes: 64);
        var socket = await OpenAsync(client, probe);

        var error = Assert.Throws<OutgoingMessageTooLargeException>(() => client.Send(new string('x', 64), reliable: false));

        Assert.Equal((65L, 64L), (error.Size, error.Limit));
        Assert.Contains("MaxSendMessageBytes", error.Message, StringComparison.Ordinal);
        Assert.True(client.Send(new string('x', 63)));
        await socket.Log.WaitAsync("t:" + new string('x', 63));
        AssertOpen(client, probe);
    }

    [Fact]
    public async Task Many_small_messages_over_the_buffer_still_close_with_buffer_overflow()
    {
        var (client, probe) = Create(maxBufferedBytes: 100);
        await OpenAsync(client, probe);

        for (var i = 0; i < 9; i++)
        {
            Assert.True(client.Send(new byte[10]));
        }

        Assert.False(client.Send(new byte[20]));
        Assert.Equal(CloseCause.BufferOverflow, (await client.Completion.WaitAsync(EventLog.Patience)).Cause);
    }

    private static void AssertOpen(GathoClient client, ClientProbe probe)
    {
        Assert.Equal(ClientState.Open, client.State);
        Assert.Equal(new[] { "open" }, probe.Lifecycle);
        Assert.Empty(probe.Errors);
    }
}
