using Gatho.Protocol.Closing;
using Gatho.Protocol.Notify;
using Gatho.Server.Rooms;
using Microsoft.Extensions.Logging;

namespace Gatho.Server;

/// <summary>Graceful drain (DESIGN D8): stop taking rooms, tell rooms, wait with a deadline, then unregister.</summary>
public sealed partial class GathoServer
{
    // After the drain deadline rooms get their runner's stopper; this bounds the wait for those exits.
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Drains and stops the server: no new rooms; every room is asked to close its clients with 1001
    /// <c>server draining, rejoin</c> and exit; rooms still running after <see cref="GathoServerOptions.DrainTimeout"/> are
    /// stopped by their runner; each room's listing is removed as it exits; then the server unregisters and its HTTP
    /// listener stops. Safe to call more than once.
    /// </summary>
    public Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopRequested, 1) == 0)
        {
            stopTask = DrainAsync();
        }

        return stopTask!;
    }

    private async Task DrainAsync()
    {
        accepting = false;
        if (subscription is not null)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        var draining = rooms.Values.ToArray();
        if (draining.Length > 0)
        {
            logger.LogInformation("server {ServerId} draining {Count} rooms", ServerId, draining.Length);
        }

        foreach (var room in draining)
        {
            room.TryDecideExit(RoomExitReason.StoppedByServer);
            room.Status = RoomProcessStatus.Stopped;
            if (room.Notify is not { } notify || !await notify.SendAsync(new StopRoomCommand(CloseReasons.ServerDraining)).ConfigureAwait(false))
            {
                await HardStopAsync(room).ConfigureAwait(false);
            }
        }

        if (!await AllExitedWithin(draining, options.DrainTimeout).ConfigureAwait(false))
        {
            var late = draining.Where(r => !r.Exited.IsCompleted).ToArray();
            logger.LogWarning("server {ServerId}: {Count} rooms still running after the {Timeout} drain timeout; stopping them", ServerId, late.Length, options.DrainTimeout);
            foreach (var room in late)
            {
                await HardStopAsync(room).ConfigureAwait(false);
            }

            if (!await AllExitedWithin(late, KillWait).ConfigureAwait(false))
            {
                logger.LogError("server {ServerId}: rooms {Rooms} did not exit", ServerId, string.Join(", ", late.Where(r => !r.Exited.IsCompleted).Select(r => r.RoomId)));
            }
        }

        foreach (var room in draining)
        {
            await RemoveAsync(room).ConfigureAwait(false);
        }

        if (heartbeat is not null)
        {
            await heartbeat.DisposeAsync().ConfigureAwait(false);
        }

        if (leadership is not null)
        {
            await leadership.DisposeAsync().ConfigureAwait(false);
        }

        alive = false;
        if (IsLeader)
        {
            await Guard(() => driver.ReleaseLeaderAsync(ServerId), "release leadership").ConfigureAwait(false);
            IsLeader = false;
        }

        await Guard(() => driver.UnregisterServerAsync(ServerId), "unregister server").ConfigureAwait(false);
        if (http is not null)
        {
            await http.DisposeAsync().ConfigureAwait(false);
        }

        metrics.Dispose();
        logger.LogInformation("server {ServerId} stopped", ServerId);
    }

    /// <summary>
    /// Test hook: this server stops as if its process had been killed (kill -9), as far as the driver and its rooms can
    /// tell: no more heartbeats, leader rounds or pushes, and every notify socket closes; nothing is unregistered, no
    /// room is told or stopped. Its listings must then expire through staleness and reaping. Rooms are left to the test
    /// (use rooms that do not exit, or their exit reports would still reach this object). A later
    /// <see cref="StopAsync"/> only releases the HTTP listener.
    /// </summary>
    internal async Task AbandonForTestsAsync()
    {
        if (Interlocked.Exchange(ref stopRequested, 1) != 0)
        {
            return;
        }

        accepting = false;
        alive = false;
        var abandoning = AbandonCoreAsync();
        stopTask = abandoning;
        await abandoning.ConfigureAwait(false);
    }

    private async Task AbandonCoreAsync()
    {
        if (subscription is not null)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        if (heartbeat is not null)
        {
            await heartbeat.DisposeAsync().ConfigureAwait(false);
        }

        if (leadership is not null)
        {
            await leadership.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var room in rooms.Values)
        {
            await room.CloseNotifyAsync().ConfigureAwait(false);
        }

        if (http is not null)
        {
            await http.DisposeAsync().ConfigureAwait(false);
        }

        metrics.Dispose();
    }

    private async Task<bool> AllExitedWithin(IReadOnlyCollection<ManagedRoom> targets, TimeSpan timeout)
    {
        if (targets.Count == 0)
        {
            return true;
        }

        var all = Task.WhenAll(targets.Select(r => (Task)r.Exited));
        return await Task.WhenAny(all, Task.Delay(timeout, time)).ConfigureAwait(false) == all;
    }
}
