using Gatho.Client.Connection;
using Gatho.Client.Delivery;
using Gatho.Client.Threading;
using Gatho.Protocol;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Messages;
using Gatho.Protocol.Urls;

namespace Gatho.Client.Reconnection;

/// <summary>
/// The client's state machine (gatho-behaviour §4.1, DESIGN D2) and the one loop that runs it: dial an attempt, wait for
/// it to end, decide (resume or close for good), wait out the backoff, dial the next — the shape of SignalR's
/// <c>HubConnection</c> reconnect loop. It owns the state, the session token, the attempt counters and the client-wide
/// timers; each <see cref="ConnectionAttempt"/> owns its socket. Its lock guards transitions only (a session, a drop, a
/// close, a timer), never a received user frame.
/// </summary>
internal sealed class ReconnectLoop
{
    private readonly object gate = new();
    private readonly ClientParts parts;
    private readonly string seatUrl;
    private readonly ResumeBackoff backoff;
    private readonly AckTicker acks;
    private readonly TaskCompletionSource<ClientCloseInfo?> opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ClientCloseInfo> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ClientState state = ClientState.Connecting;
    private volatile string? clientId;
    private string? sessionToken;
    private volatile GathoSession? session;

    // A client created from a persisted session, until its first session in this process: it dials restart resumes.
    private bool restoring;
    private ConnectionAttempt? current;
    private bool started;
    private bool closeRequested;
    private long openedAt;
    private ITimer? uptimeTimer;
    private ITimer? backoffTimer;
    private TaskCompletionSource<bool>? backoffDone;

    public ReconnectLoop(ClientParts parts, string seatUrl, Func<double> jitter, GathoSession? restored = null)
    {
        this.parts = parts;
        this.seatUrl = seatUrl;
        backoff = new ResumeBackoff(parts.Options.Reconnection, jitter);
        acks = new AckTicker(parts);
        if (restored is not null)
        {
            restoring = true;
            sessionToken = restored.Token;
        }
    }

    /// <summary>Test hook: raised (under the loop's lock) with each resume delay once its timer is set.</summary>
    public event Action<int, TimeSpan>? ReconnectScheduled;

    public ClientState State => state;

    public string? ClientId => clientId;

    /// <summary>The session as the room issued it last (v2), to persist; null before the first <c>session</c>.</summary>
    public GathoSession? Session => session;

    /// <summary>Completes with null once open, or with how the client closed before it opened.</summary>
    public Task<ClientCloseInfo?> Opened => opened.Task;

    public Task<ClientCloseInfo> Completion => closed.Task;

    /// <summary>Starts the loop (once).</summary>
    /// <exception cref="InvalidOperationException">Started already.</exception>
    public void Start()
    {
        lock (gate)
        {
            if (started)
            {
                throw new InvalidOperationException($"this client for {ConnectFailures.Endpoint(new Uri(seatUrl))} was started already; create a new client to join again");
            }

            started = true;
            if (state == ClientState.Connecting)
            {
                var first = restoring
                    ? SeatUrl.ForRestart(seatUrl, sessionToken!, parts.Options.ProtocolVersion)
                    : SeatUrl.ForConnect(seatUrl, parts.Options.ProtocolVersion);
                _ = Task.Run(() => RunAsync(first));
            }
        }
    }

    /// <summary>
    /// The app leaves (<c>CloseAsync</c>). Open: <c>leave</c> after everything already sent, then a 4000 close; the
    /// loop closes the client when the room's close arrives. Connecting or reconnecting: the attempt is given up at once.
    /// </summary>
    public void RequestClose()
    {
        lock (gate)
        {
            switch (state)
            {
                case ClientState.Connecting:
                    closeRequested = true;
                    EnterClosed(new ClientCloseInfo(CloseCodes.Consented, CloseReasons.ClientClosedDuringConnect, CloseCause.Consented));
                    break;
                case ClientState.Reconnecting:
                    closeRequested = true;
                    EnterClosed(new ClientCloseInfo(CloseCodes.Consented, CloseReasons.ClientClosedDuringReconnection, CloseCause.Consented));
                    break;
                case ClientState.Open when !closeRequested:
                    closeRequested = true;
                    parts.Send.StopAccepting();
                    var live = current!;
                    live.Enqueue(OutboundFrame.ForEncoded(ProtocolMessageCodec.EncodeFrame(LeaveMessage.Instance)));
                    live.Shutdown(CloseCodes.Consented, CloseReasons.ConsentedLeave, parts.Options.CloseTimeout);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary><c>ConnectAsync</c>'s token fired: closes with <paramref name="info"/> if still connecting; false when too late.</summary>
    public bool CancelConnect(ClientCloseInfo info)
    {
        lock (gate)
        {
            if (state != ClientState.Connecting)
            {
                return false;
            }

            closeRequested = true;
            EnterClosed(info);
            return true;
        }
    }

    /// <summary>Aborts the live attempt (a cancelled <c>CloseAsync</c> stops waiting for the room's close).</summary>
    public void AbortCurrent(string reason)
    {
        lock (gate)
        {
            current?.Abort(reason);
        }
    }

    /// <summary>The send path went over its byte limit: close with buffer-overflow (1009), as gatho.</summary>
    public void CloseForOverflow()
    {
        lock (gate)
        {
            EnterClosed(new ClientCloseInfo(CloseCodes.MessageTooBig, CloseReasons.OutboundBufferOverflow, CloseCause.BufferOverflow));
        }
    }

    /// <summary>The room's <c>session</c> on <paramref name="attempt"/>; true when the attempt is now the open connection.</summary>
    public bool OnSession(ConnectionAttempt attempt, SessionMessage session)
    {
        lock (gate)
        {
            if (attempt != current || state == ClientState.Closed)
            {
                return false;
            }

            sessionToken = session.Token;
            if (parts.Lossless)
            {
                this.session = GathoSession.From(seatUrl, session.ClientId, session.Token, parts.Options.ProtocolVersion);
            }

            switch (state)
            {
                case ClientState.Connecting:
                    clientId = session.ClientId;
                    state = ClientState.Open;
                    MarkOpen();

                    // Restored: the room replayed what the old process had not acknowledged; acknowledge it now.
                    parts.Send.Open(attempt, resuming: false, restoring && parts.Inbound.HasUnreported ? parts.Inbound.Report() : null);
                    restoring = false;
                    backoff.Resumed();
                    parts.Events.Enqueue(new ClientEvent(ClientEventKind.Opened));
                    opened.TrySetResult(null);
                    break;

                case ClientState.Reconnecting:
                    // The room replayed its frames and sent ack{m} before this: what is still held goes out again, in
                    // order, then the ack of the replay, before anything sent from now on.
                    clientId = session.ClientId;
                    state = ClientState.Open;
                    backoff.Resumed();
                    MarkOpen();
                    parts.Send.Open(attempt, resuming: true, parts.Lossless && parts.Inbound.HasUnreported ? parts.Inbound.Report() : null);
                    parts.Events.Enqueue(new ClientEvent(ClientEventKind.Reconnected));
                    break;

                default:
                    // A fresh token on a live connection: keep it for the next resume.
                    break;
            }

            if (this.session is { } persisted)
            {
                parts.Events.Enqueue(new ClientEvent(ClientEventKind.SessionChanged, persisted));
            }

            return true;
        }
    }

    /// <summary>The room refused the seat (first connect: gatho reports it and waits for the close) or the session (resume).</summary>
    public void OnAuthError(ConnectionAttempt attempt, string error)
    {
        lock (gate)
        {
            if (attempt != current)
            {
                return;
            }

            switch (state)
            {
                case ClientState.Connecting when !restoring:
                    parts.Events.Enqueue(new ClientEvent(ClientEventKind.AuthError, error));
                    break;
                case ClientState.Connecting:
                case ClientState.Reconnecting:
                    current = null;
                    attempt.Retire();
                    attempt.Abort(CloseReasons.SessionRejected);
                    EnterClosed(new ClientCloseInfo(CloseCodes.Consented, CloseReasons.SessionRejected, CloseCause.Session));
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>The room broke the protocol on <paramref name="attempt"/>: resuming cannot be trusted, so close for good.</summary>
    public void Violate(ConnectionAttempt attempt, string problem) =>
        Violate(attempt, CloseCodes.ProtocolError, CloseReasons.ProtocolError, new ClientProtocolException(problem));

    /// <summary>As <see cref="Violate(ConnectionAttempt, string)"/>, closing with <paramref name="code"/> and <paramref name="reason"/>.</summary>
    public void Violate(ConnectionAttempt attempt, int code, string reason, Exception error)
    {
        lock (gate)
        {
            if (attempt == current)
            {
                parts.Events.Enqueue(new ClientEvent(ClientEventKind.Error, error));
                EnterClosed(new ClientCloseInfo(code, reason, CloseCause.ProtocolError));
            }
        }
    }

    private async Task RunAsync(string url)
    {
        try
        {
            while (await RunAttemptAsync(url).ConfigureAwait(false) is { } delay)
            {
                if (!await delay.ConfigureAwait(false))
                {
                    return;
                }

                lock (gate)
                {
                    if (state != ClientState.Reconnecting && !(restoring && state == ClientState.Connecting))
                    {
                        return;
                    }

                    // v2: the URL tells the room the highest frame processed, so it replays exactly what came after it;
                    // a restored client that has received nothing yet asks again for everything not acknowledged.
                    url = restoring && parts.Inbound.Processed == 0
                        ? SeatUrl.ForRestart(seatUrl, sessionToken!, parts.Options.ProtocolVersion)
                        : parts.Lossless
                            ? SeatUrl.ForResume(seatUrl, sessionToken!, parts.Options.ProtocolVersion, parts.Inbound.Report())
                            : SeatUrl.ForResume(seatUrl, sessionToken!, ProtocolVersions.V1);
                }
            }
        }
        catch (Exception error)
        {
            // A transport that throws from CreateSocket, or a defect here: report it, and never leave the client hanging.
            lock (gate)
            {
                parts.Events.Enqueue(new ClientEvent(ClientEventKind.Error, error));
                EnterClosed(new ClientCloseInfo(CloseCodes.Abnormal, error.Message, state == ClientState.Connecting ? CloseCause.InitialConnectFailed : CloseCause.ReconnectFailed) { Error = error });
            }
        }
    }

    /// <summary>Runs one attempt to its end; returns the backoff wait before the next (true when it elapsed), or null when the loop is done.</summary>
    private async Task<Task<bool>?> RunAttemptAsync(string url)
    {
        ConnectionAttempt attempt;
        lock (gate)
        {
            if (state == ClientState.Closed)
            {
                return null;
            }

            attempt = new ConnectionAttempt(
                parts.Options.Transport.CreateSocket(),
                this,
                parts,
                resuming: state == ClientState.Reconnecting || restoring,
                restarting: restoring && parts.Inbound.Processed == 0);
            current = attempt;
        }

        var end = await attempt.RunAsync(new Uri(url)).ConfigureAwait(false);
        lock (gate)
        {
            if (attempt != current || state == ClientState.Closed)
            {
                return null;
            }

            current = null;
            attempt.Retire();
            parts.Send.Detach(attempt);

            // Error is for faults; a reset, a refusal or a failed upgrade is the ordinary weather of a network and is
            // reported by Dropped or the close cause, with the exception attached there.
            if (end.Error is { } error && !closeRequested && !ConnectFailures.IsOrdinary(error))
            {
                parts.Events.Enqueue(new ClientEvent(ClientEventKind.Error, error));
            }

            var failure = end.Error as RoomConnectException;
            // A restored client's attempts are resumes of its session: refusals say "session", transient failures retry.
            var decision = CloseClassifier.Classify(restoring ? ClientState.Reconnecting : state, end.Code, end.Reason, closeRequested, end.AuthErrorSeen, sessionToken is not null, failure);
            if (!decision.Resume)
            {
                EnterClosed(decision.ToInfo() with { HttpStatus = failure?.HttpStatus, Error = end.Error });
                return null;
            }

            return OnDrop(end.Code, failure?.Message ?? end.Reason, end.Error, failure?.Kind == ConnectFailureKind.Refused);
        }
    }

    /// <summary>Raises Dropped when the client was open, then starts the backoff wait or closes. Under the lock.</summary>
    private Task<bool>? OnDrop(int code, string reason, Exception? error, bool refused)
    {
        if (state == ClientState.Open)
        {
            state = ClientState.Reconnecting;
            if (parts.Time.GetElapsedTime(openedAt) >= parts.Options.Reconnection.MinUptime)
            {
                backoff.StayedUp();
            }

            DisposeTimer(ref uptimeTimer);
            parts.Events.Enqueue(new ClientEvent(ClientEventKind.Dropped, new ClientDrop(code, reason) { Error = error }));
        }

        var step = backoff.Next(refused);
        switch (step.Verdict)
        {
            case ResumeBackoff.Verdict.RoomGone:
                // Nothing listening, again and again: the room process is gone, and the session with it.
                EnterClosed(new ClientCloseInfo(CloseCodes.Abnormal, $"{RoomGoneReason} ({backoff.RefusalsInARow} connections refused in a row)", CloseCause.RoomGone) { Error = error });
                return null;
            case ResumeBackoff.Verdict.Exhausted:
                EnterClosed(new ClientCloseInfo(CloseCodes.Abnormal, CloseReasons.ReconnectionAttemptsExhausted, CloseCause.ReconnectFailed));
                return null;
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        backoffDone = done;
        DisposeTimer(ref backoffTimer);
        backoffTimer = parts.Time.CreateTimer(static s => ((TaskCompletionSource<bool>)s!).TrySetResult(true), done, step.Delay, Timeout.InfiniteTimeSpan);
        ReconnectScheduled?.Invoke(step.Attempt, step.Delay);
        return done.Task;
    }

    /// <summary>The reason text of a <see cref="CloseCause.RoomGone"/> close.</summary>
    internal const string RoomGoneReason = "room is gone: nothing listens on its port";

    /// <summary>Records the moment the client (re)opened, arms the minimum-uptime reset and the ack tick. Under the lock.</summary>
    private void MarkOpen()
    {
        openedAt = parts.Time.GetTimestamp();
        DisposeTimer(ref uptimeTimer);
        uptimeTimer = parts.Time.CreateTimer(static s => ((ReconnectLoop)s!).OnMinUptime(), this, parts.Options.Reconnection.MinUptime, Timeout.InfiniteTimeSpan);
        if (parts.Lossless)
        {
            acks.Start();
        }
    }

    private void OnMinUptime()
    {
        lock (gate)
        {
            if (state == ClientState.Open)
            {
                backoff.StayedUp();
            }
        }
    }

    /// <summary>
    /// The terminal transition: stop every timer, close the live socket (politely when it is connected — gatho left it
    /// open on a connect-time overflow, gap 2), drop what is buffered, raise <c>Closed</c> once. Under the lock.
    /// </summary>
    private void EnterClosed(ClientCloseInfo info)
    {
        if (state == ClientState.Closed)
        {
            return;
        }

        state = ClientState.Closed;
        DisposeTimer(ref backoffTimer);
        DisposeTimer(ref uptimeTimer);
        acks.Dispose();
        backoffDone?.TrySetResult(false);
        if (current is { } attempt)
        {
            current = null;
            attempt.Retire();
            if (attempt.IsConnected)
            {
                attempt.Shutdown(info.Code, info.Reason, parts.Options.CloseTimeout);
            }
            else
            {
                attempt.Abort(info.Reason);
            }
        }

        parts.Send.Close();
        parts.Events.Enqueue(new ClientEvent(ClientEventKind.Closed, info));
        opened.TrySetResult(info);
        closed.TrySetResult(info);
    }

    private static void DisposeTimer(ref ITimer? timer)
    {
        timer?.Dispose();
        timer = null;
    }
}
