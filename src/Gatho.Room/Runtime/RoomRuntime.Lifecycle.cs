using Gatho.Protocol.Closing;
using Gatho.Protocol.Notify;
using Gatho.Room.Notify;
using Gatho.Room.Transport;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Runtime;

/// <summary>Start, heartbeats and the graceful stop (gatho-behaviour §5.1).</summary>
internal sealed partial class RoomRuntime
{
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<IClientConnection> connections = new();
    private Func<bool, Task>? afterStop;
    private int stopRequested;

    /// <summary>Completes once the room has fully stopped.</summary>
    public Task Stopped => stopped.Task;

    /// <summary>Room thread: becomes running (so <c>OnStart</c> may broadcast and schedule) and runs <c>OnStart</c>.</summary>
    internal async Task StartAsync(INotifySink? sink, Func<bool, Task> onStopped)
    {
        notify = sink;
        listing.Attach(sink);
        afterStop = onStopped;
        state = RoomState.Running;
        await behavior.OnStartAsync(this);
    }

    /// <summary>Room thread: the listener is up. Reports <c>ready</c> and starts the heartbeat and ack clocks.</summary>
    internal void Listening(int port)
    {
        if (state != RoomState.Running)
        {
            return;
        }

        notify?.Send(new ReadyNotify((ushort)port));
        if (notify is not null)
        {
            AddTimer(options.HeartbeatInterval, options.HeartbeatInterval, Heartbeat);
        }

        AddTimer(options.AckInterval, options.AckInterval, AckTick);
        logger.LogInformation("room {RoomId} ({RoomType}) listening on port {Port}{Mode}", RoomId, RoomType, port, IsStandalone ? " in standalone mode: every connection is accepted" : string.Empty);
    }

    /// <summary>
    /// Stops the room once, from any thread: <c>OnShutdown</c>, then every client leaves (<c>OnLeave</c>,
    /// <c>client-disconnected</c>, close 1001 with <paramref name="reason"/>), then <c>stopped</c> is reported when the
    /// room stopped itself. Completes when the host has closed the listener and the notify channel too.
    /// </summary>
    internal Task RequestStop(string reason, bool selfInitiated)
    {
        if (Interlocked.Exchange(ref stopRequested, 1) == 0)
        {
            Dispatcher.Post(() => _ = StopCoreAsync(reason, selfInitiated));
        }

        return stopped.Task;
    }

    private async Task StopCoreAsync(string reason, bool selfInitiated)
    {
        try
        {
            if (state == RoomState.Running)
            {
                state = RoomState.Stopping;
                logger.LogInformation("room {RoomId} stopping: {Reason}", RoomId, reason);
                timers.DisposeAll();
                await Callback(() => behavior.OnShutdownAsync(this), "OnShutdown");

                // As gatho: clients are forgotten before sockets close, so no drop or eviction logic runs for them.
                var leaving = clients.Snapshot();
                clients.Clear();
                sessions.Clear();
                foreach (var client in leaving)
                {
                    client.IsInRoom = false;
                    var connection = client.Connection;
                    client.Session.End();
                    _ = Callback(() => behavior.OnLeaveAsync(this, client), "OnLeave", client);
                    notify?.Send(new ClientDisconnectedNotify(client.Id));
                    connection?.Close(CloseCodes.GoingAway, reason);
                }

                foreach (var connection in connections)
                {
                    connection.Close(CloseCodes.GoingAway, CloseReasons.ServerShuttingDown);
                }

                if (selfInitiated)
                {
                    notify?.Send(StoppedNotify.Instance);
                }
            }

            state = RoomState.Stopped;
            if (afterStop is not null)
            {
                await afterStop(selfInitiated);
            }

            stopped.TrySetResult();
        }
        catch (Exception e)
        {
            logger.LogError(e, "room {RoomId}: stop failed", RoomId);
            stopped.TrySetException(e);
        }
    }

    private void Heartbeat()
    {
        var live = new List<HeartbeatClient>(clients.Count);
        foreach (var client in clients.Values)
        {
            if (client.IsConnected)
            {
                live.Add(new HeartbeatClient(client.Id, client.Tags));
            }
        }

        notify?.Send(new HeartbeatNotify(live, ProcessMetricsSampler.Sample(), options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds()));
    }
}
