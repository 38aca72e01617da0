using Gatho.Drivers.Model;
using Gatho.Protocol.Closing;
using Gatho.Server.Lifecycle;
using Gatho.Server.Rooms;
using Microsoft.Extensions.Logging;

namespace Gatho.Server;

/// <summary>The heartbeat tick (gatho-behaviour §7.4–7.5): registration, stall sweep, reap recovery, destroy sweep, reconcile.</summary>
public sealed partial class GathoServer
{
    private bool registeredBefore;
    private DateTimeOffset? failingSince;
    private bool failingLogged;

    private async Task HeartbeatTickAsync(TickScope scope)
    {
        var snapshotAt = time.GetUtcNow();
        HeartbeatResult result;
        try
        {
            // Cancelled at the tick timeout: the next tick waits for this one to end, so a hung call must not hold it.
            // A draining server advertises no room types, so placement (which filters by type) stops choosing it
            // while it still heartbeats to keep its leaving rooms listed.
            result = await driver.HeartbeatAsync(new ServerHeartbeat(ServerId, Endpoint, tags, accepting ? roomTypes : []), scope.Cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            failingSince ??= snapshotAt;
            if (!failingLogged && snapshotAt - failingSince > options.HeartbeatInterval * 3)
            {
                failingLogged = true;
                logger.LogError(e, "server {ServerId}: driver heartbeat failing since {Since}", ServerId, failingSince);
            }

            return;
        }

        if (failingLogged)
        {
            logger.LogInformation("server {ServerId}: driver heartbeat recovered", ServerId);
        }

        failingSince = null;
        failingLogged = false;
        if (!scope.IsCurrent || !alive)
        {
            return;
        }

        tags = result.Tags;
        await StallSweepAsync().ConfigureAwait(false);
        var desired = new Dictionary<string, DesiredRoom>(StringComparer.Ordinal);
        foreach (var room in result.DesiredRooms)
        {
            desired[room.RoomId] = room;
        }

        var reasserted = result.Registered && registeredBefore ? await RecoverAfterReapAsync(desired).ConfigureAwait(false) : new HashSet<string>();
        registeredBefore = true;
        if (!scope.IsCurrent)
        {
            return;
        }

        DestroySweep(desired, reasserted, snapshotAt);
        await ReconcileDesiredAsync(desired, snapshotAt).ConfigureAwait(false);
    }

    /// <summary>Kills rooms that went silent: no notify message for longer than the stall timeout.</summary>
    private async Task StallSweepAsync()
    {
        var now = time.GetUtcNow();
        foreach (var room in rooms.Values)
        {
            if (!room.Started.IsCompleted || room.Status == RoomProcessStatus.Stopped || room.LastHeartbeatAt is not { } last || now - last <= options.RoomStallTimeout
                || !room.TryDecideExit(RoomExitReason.FailureReported))
            {
                continue;
            }

            logger.LogWarning("room {RoomId} silent since {Last}: killing it", room.RoomId, last);
            room.Status = RoomProcessStatus.Stopped;
            metrics.Failed("stalled");
            await HardStopAsync(room).ConfigureAwait(false);
            await RemoveAsync(room).ConfigureAwait(false);
            await ReportFailureAsync(room.RoomId, "process stalled (heartbeat timeout)").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// This server's record was reaped while it was alive (a long pause, a partition): put its ready rooms back as
    /// running so their clients' listings survive. Their tags are lost (gatho logs the same).
    /// </summary>
    private async Task<HashSet<string>> RecoverAfterReapAsync(Dictionary<string, DesiredRoom> desired)
    {
        var reasserted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var room in rooms.Values)
        {
            if (room.Status != RoomProcessStatus.Ready || room.Endpoint is null || desired.ContainsKey(room.RoomId))
            {
                continue;
            }

            try
            {
                await driver.RegisterRoomAsync(new RoomRegistration(room.RoomId, room.RoomType, ServerId, options.RoomStartupTimeout, room.DataJson)).ConfigureAwait(false);
                if (await driver.RoomReadyAsync(room.RoomId, room.Endpoint, room.Secret).ConfigureAwait(false))
                {
                    reasserted.Add(room.RoomId);
                    logger.LogWarning("room {RoomId} re-registered after this server's record was reaped (its tags are lost)", room.RoomId);
                }
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "room {RoomId}: re-registration after reap failed", room.RoomId);
            }
        }

        return reasserted;
    }

    /// <summary>Stops local rooms the driver no longer places here (destroyed, lapsed), sparing rooms started mid-tick.</summary>
    private void DestroySweep(Dictionary<string, DesiredRoom> desired, HashSet<string> reasserted, DateTimeOffset snapshotAt)
    {
        if (!accepting)
        {
            return;
        }

        foreach (var room in rooms.Values)
        {
            if (desired.ContainsKey(room.RoomId) || reasserted.Contains(room.RoomId) || room.SpawnedAt >= snapshotAt || room.Status == RoomProcessStatus.Stopped)
            {
                continue;
            }

            logger.LogInformation("room {RoomId} is no longer placed on this server; stopping it", room.RoomId);
            _ = StopRoomAsync(room, CloseReasons.RoomShuttingDown, RoomExitReason.StoppedByServer);
        }
    }

    /// <summary>
    /// Level-triggered reconcile: requested rooms without a local process are started (a lost push costs at most one
    /// tick); running rooms with no local process are reported lost once they stay missing for the stall timeout.
    /// </summary>
    private async Task ReconcileDesiredAsync(Dictionary<string, DesiredRoom> desired, DateTimeOffset now)
    {
        foreach (var room in desired.Values)
        {
            if (rooms.ContainsKey(room.RoomId))
            {
                lostSince.TryRemove(room.RoomId, out _);
                continue;
            }

            if (room.Status == RoomStatus.Requested)
            {
                if (!attempted.ContainsKey(room.RoomId))
                {
                    _ = SpawnAsync(room.RoomId, room.RoomType, room.DataJson);
                }

                continue;
            }

            var since = lostSince.GetOrAdd(room.RoomId, now);
            if (now - since > options.RoomStallTimeout)
            {
                lostSince.TryRemove(room.RoomId, out _);
                logger.LogWarning("room {RoomId} is recorded running here but has no process; reporting it lost", room.RoomId);
                metrics.Failed("lost");
                await ReportFailureAsync(room.RoomId, "room process lost").ConfigureAwait(false);
            }
        }

        foreach (var id in lostSince.Keys)
        {
            if (!desired.ContainsKey(id))
            {
                lostSince.TryRemove(id, out _);
            }
        }

        // At-most-once memory: forget an attempt 5 minutes after its room left the desired set.
        foreach (var pair in attempted)
        {
            if (desired.ContainsKey(pair.Key) || rooms.ContainsKey(pair.Key))
            {
                attempted[pair.Key] = now;
            }
            else if (now - pair.Value > AttemptMemory)
            {
                attempted.TryRemove(pair.Key, out _);
            }
        }
    }
}
