using Gatho.Client.Threading;
using Gatho.Protocol;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Urls;

namespace Gatho.Client;

/// <summary>Drops and resumes: backoff with jitter, the attempt limit and the minimum-uptime reset (gatho-behaviour §4.1).</summary>
public sealed partial class GathoClient
{
    private int retryCount;
    private int refusalsInARow;
    private long openedAt;
    private ITimer? reconnectTimer;
    private ITimer? uptimeTimer;

    /// <summary>Test hook: raised (under the client's lock) with each resume delay as it is scheduled.</summary>
    internal event Action<int, TimeSpan>? ReconnectScheduled;

    /// <summary>The connection was open long enough? Reset the counter. Then raise Dropped and schedule. Caller holds the lock.</summary>
    private void OnDrop(int code, string reason, Exception? error, bool refused)
    {
        if (state == ClientState.Open)
        {
            state = ClientState.Reconnecting;
            if (time.GetElapsedTime(openedAt) >= options.Reconnection.MinUptime)
            {
                retryCount = 0;
            }

            DisposeTimer(ref uptimeTimer);
            awaitingRoomAckSince = null;
            events.Enqueue(new ClientEvent(ClientEventKind.Dropped, new ClientDrop(code, reason) { Error = error }));
        }

        // Nothing listening, again and again: the room process is gone, and the session with it.
        refusalsInARow = refused ? refusalsInARow + 1 : 0;
        if (refusalsInARow >= options.Reconnection.RoomGoneAfterRefusals)
        {
            EnterClosed(new ClientCloseInfo(CloseCodes.Abnormal, $"{RoomGoneReason} ({refusalsInARow} connections refused in a row)", CloseCause.RoomGone) { Error = error });
            return;
        }

        ScheduleReconnect(refused);
    }

    /// <summary>Records the moment the client (re)opened and arms the minimum-uptime reset. Caller holds the lock.</summary>
    private void MarkOpen()
    {
        openedAt = time.GetTimestamp();
        RestartRoomAckWait();
        DisposeTimer(ref uptimeTimer);
        uptimeTimer = time.CreateTimer(
            static s => ((GathoClient)s!).OnMinUptime(),
            this,
            options.Reconnection.MinUptime,
            Timeout.InfiniteTimeSpan);
        StartAckTimer();
    }

    private void OnMinUptime()
    {
        lock (gate)
        {
            if (state == ClientState.Open)
            {
                retryCount = 0;
            }
        }
    }

    /// <summary>The reason text of a <see cref="CloseCause.RoomGone"/> close.</summary>
    internal const string RoomGoneReason = "room is gone: nothing listens on its port";

    private void ScheduleReconnect(bool refused)
    {
        var policy = options.Reconnection;
        if (retryCount >= policy.MaxAttempts)
        {
            EnterClosed(new ClientCloseInfo(CloseCodes.Abnormal, CloseReasons.ReconnectionAttemptsExhausted, CloseCause.ReconnectFailed));
            return;
        }

        retryCount++;
        var sample = jitter();
        var delay = policy.DelayFor(retryCount, sample >= 0 && sample < 1 ? sample : 0.5);
        if (refused && delay > policy.RefusedRetryDelay)
        {
            delay = policy.RefusedRetryDelay;
        }

        DisposeTimer(ref reconnectTimer);
        reconnectTimer = time.CreateTimer(static s => ((GathoClient)s!).OnReconnectDue(), this, delay, Timeout.InfiniteTimeSpan);
        ReconnectScheduled?.Invoke(retryCount, delay);
    }

    private void OnReconnectDue()
    {
        lock (gate)
        {
            if (state != ClientState.Reconnecting || current is not null)
            {
                return;
            }

            DisposeTimer(ref reconnectTimer);

            // v2: the URL tells the room the highest frame processed, so it replays exactly what came after it.
            var url = lossless
                ? SeatUrl.ForResume(seatUrl, sessionToken!, options.ProtocolVersion, inbound.Report())
                : SeatUrl.ForResume(seatUrl, sessionToken!, ProtocolVersions.V1);
            StartAttempt(url);
        }
    }
}
