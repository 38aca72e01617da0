using Gatho.Drivers.Model;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Notify;
using Gatho.Server.Rooms;
using Microsoft.Extensions.Logging;

namespace Gatho.Server;

/// <summary>What the server does with each notify message (gatho-behaviour §6.4, §7.6).</summary>
public sealed partial class GathoServer
{
    private async Task OnNotifyAsync(ManagedRoom room, NotifyMessage message)
    {
        if (room.Status == RoomProcessStatus.Stopped || !rooms.TryGetValue(room.RoomId, out var current) || !ReferenceEquals(current, room))
        {
            return;
        }

        // Any first message opens the startup gate and starts the stall clock.
        room.LastHeartbeatAt = time.GetUtcNow();
        room.MarkStarted();
        switch (message)
        {
            case HeartbeatNotify beat:
                room.LiveClients = beat.Clients.Count;

                // Awaited, like every other message: run beside the reader, a reconciliation from this snapshot could
                // write after a client-disconnected that came later and put the departed client back.
                await ReconcileClientsAsync(room, beat).ConfigureAwait(false);
                break;
            case ReadyNotify ready:
                await OnReadyAsync(room, ready.Port).ConfigureAwait(false);
                break;
            case ClientConnectedNotify connected:
                // The room id is the channel's, never the message's (gatho gap 12).
                await Guard(() => driver.ConnectClientAsync(connected.ClientId, room.RoomId, connected.Tags), "connect client").ConfigureAwait(false);
                break;
            case ClientDisconnectedNotify disconnected:
                await Guard(() => driver.DisconnectClientAsync(disconnected.ClientId), "disconnect client").ConfigureAwait(false);
                break;
            case StoppedNotify:
                logger.LogInformation("room {RoomId} stopped itself", room.RoomId);
                room.TryDecideExit(RoomExitReason.SelfStopped);
                room.Status = RoomProcessStatus.Stopped;
                await Guard(() => driver.UnregisterRoomAsync(room.RoomId), "unregister self-stopped room").ConfigureAwait(false);
                break;
            case RoomTagsNotify roomTags:
                // The room steers its own listing; as for clients, the room id is the channel's.
                if (roomTags.Remove.Count > 0)
                {
                    await Guard(() => driver.RemoveRoomTagsAsync(room.RoomId, roomTags.Remove), "remove room tags").ConfigureAwait(false);
                }

                if (roomTags.Set.Count > 0)
                {
                    await Guard(() => driver.AddRoomTagsAsync(room.RoomId, roomTags.Set), "set room tags").ConfigureAwait(false);
                }

                break;
            case RoomLockNotify roomLock:
                await Guard(() => driver.SetRoomLockedAsync(room.RoomId, roomLock.Locked), roomLock.Locked ? "lock room" : "unlock room").ConfigureAwait(false);
                break;
            case ErrorNotify error:
                logger.LogError("room {RoomId} reported: {Error}", room.RoomId, error.Message);
                break;
        }
    }

    private async Task OnReadyAsync(ManagedRoom room, ushort port)
    {
        string endpoint;
        try
        {
            endpoint = options.RoomEndpoint?.Invoke(new RoomEndpointContext(room.RoomId, port)) ?? $"ws://{DisplayHost(options.RoomHost)}:{port}/";
        }
        catch (Exception e)
        {
            logger.LogError(e, "room {RoomId}: the room endpoint function threw", room.RoomId);
            await FailReadyRoomAsync(room, $"room endpoint function failed: {e.Message}").ConfigureAwait(false);
            return;
        }

        room.Endpoint = endpoint;
        bool recorded;
        try
        {
            recorded = await driver.RoomReadyAsync(room.RoomId, endpoint, room.Secret).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Not "no longer wanted": the store failed. Treating it like a refusal stopped the room silently and left
            // its creator waiting for its whole timeout; a failure report ends the wait now, with the cause.
            logger.LogError(e, "room {RoomId}: could not record it as ready; stopping it", room.RoomId);
            await FailReadyRoomAsync(room, $"could not record the room as ready: {e.Message}").ConfigureAwait(false);
            return;
        }

        if (!recorded)
        {
            // The creator gave up (or the room was destroyed) before it became ready: nobody wants it.
            logger.LogWarning("room {RoomId} ready but no longer wanted; stopping it", room.RoomId);
            await StopRoomAsync(room, CloseReasons.RoomShuttingDown, RoomExitReason.StoppedByServer).ConfigureAwait(false);
            return;
        }

        room.Status = RoomProcessStatus.Ready;
        metrics.SpawnedIn(time.GetUtcNow() - room.SpawnedAt);
        logger.LogInformation("room {RoomId} ready at {Endpoint} after {Elapsed:F0} ms", room.RoomId, endpoint, (time.GetUtcNow() - room.SpawnedAt).TotalMilliseconds);
    }

    /// <summary>A room that reported ready cannot be offered to clients: stop it and, unless already decided, report why.</summary>
    private async Task FailReadyRoomAsync(ManagedRoom room, string reason)
    {
        var decided = room.TryDecideExit(RoomExitReason.FailureReported);
        await HardStopAsync(room).ConfigureAwait(false);
        if (decided)
        {
            metrics.Failed("ready");
            await ReportFailureAsync(room.RoomId, reason).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Repairs the driver's client records from a room heartbeat (§7.6): clients the room has but the driver lacks are
    /// connected; clients the driver shows connected but the room no longer has are disconnected — unless they connected
    /// after the heartbeat was taken. It runs in the room's message order, so a later connect or disconnect report is
    /// applied after it, never overtaken; no calls when both agree.
    /// </summary>
    /// <remarks>
    /// Bounded by a quarter of the stall timeout: while it runs the room's next messages wait, and a slow store must
    /// not hold heartbeats up until the room looks stalled. A cut-short reconciliation is retried by the next heartbeat.
    /// </remarks>
    private async Task ReconcileClientsAsync(ManagedRoom room, HeartbeatNotify beat)
    {
        using var budget = new CancellationTokenSource(options.RoomStallTimeout / 4, time);
        try
        {
            var record = await driver.GetRoomAsync(room.RoomId, budget.Token).ConfigureAwait(false);
            if (record is null)
            {
                return;
            }

            var known = new Dictionary<string, ClientInfo>(StringComparer.Ordinal);
            foreach (var client in record.Clients)
            {
                known[client.ClientId] = client;
            }

            var live = new HashSet<string>(StringComparer.Ordinal);
            foreach (var client in beat.Clients)
            {
                live.Add(client.ClientId);
                if (!known.TryGetValue(client.ClientId, out var info) || info.Status != ClientStatus.Connected)
                {
                    await driver.ConnectClientAsync(client.ClientId, room.RoomId, client.Tags, budget.Token).ConfigureAwait(false);
                }
            }

            var snapshotAt = DateTimeOffset.FromUnixTimeMilliseconds((long)beat.Timestamp);
            foreach (var client in record.Clients)
            {
                if (client.Status == ClientStatus.Connected && !live.Contains(client.ClientId) && client.ConnectedAt < snapshotAt)
                {
                    await driver.DisconnectClientAsync(client.ClientId, budget.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            logger.LogWarning("room {RoomId}: client reconciliation cut short after {Budget} (next heartbeat retries)", room.RoomId, options.RoomStallTimeout / 4);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "room {RoomId}: client reconciliation failed (next heartbeat retries)", room.RoomId);
        }
    }
}
