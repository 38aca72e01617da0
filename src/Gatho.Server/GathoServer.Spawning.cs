using System.Security.Cryptography;
using Gatho.Drivers.Events;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Notify;
using Gatho.Protocol.SeatTokens;
using Gatho.Server.Notify;
using Gatho.Server.Rooms;
using Gatho.Server.Runners;
using Microsoft.Extensions.Logging;

namespace Gatho.Server;

/// <summary>Starting rooms (gatho-behaviour §7.3) and stopping them.</summary>
public sealed partial class GathoServer
{
    private ValueTask OnServerEventAsync(ServerEvent serverEvent)
    {
        switch (serverEvent)
        {
            case RoomAssignedEvent assigned:
                // Not awaited: a spawn lasts until the room's startup gate (seconds, or as long as a stuck runner
                // takes), and the driver delivers this server's events one at a time, so awaiting it held up every
                // other assignment and destroy push behind one starting room, and made StopAsync (which ends the
                // subscription first) wait for it. SpawnAsync registers the room before its first await, so a removal
                // pushed right after still finds it; it handles its own failures.
                _ = SpawnAsync(assigned.RoomId, assigned.RoomType, assigned.DataJson);
                break;
            case RoomRemovedEvent removed when rooms.TryGetValue(removed.RoomId, out var room):
                // Destroyed through the SDK (or failed elsewhere): stop it now, not at the next heartbeat (gatho gap 10).
                logger.LogInformation("room {RoomId} was removed from the driver; stopping it", removed.RoomId);
                _ = StopRoomAsync(room, CloseReasons.RoomShuttingDown, RoomExitReason.StoppedByServer);
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Starts an assigned room, at most once per room id for this process (push and reconcile can both ask), and waits
    /// for its startup gate: the first notify message of any kind. A room that stays silent past the startup timeout
    /// is stopped and reported failed here; one that exits first is reported by <see cref="OnExitedAsync"/>, which
    /// handles every exit.
    /// </summary>
    private async Task SpawnAsync(string roomId, string roomType, string dataJson)
    {
        var now = time.GetUtcNow();
        if (!accepting || !attempted.TryAdd(roomId, now))
        {
            return;
        }

        if (!options.Rooms.TryGetValue(roomType, out var runner))
        {
            await ReportFailureAsync(roomId, $"server {ServerId} has no runner for room type \"{roomType}\"").ConfigureAwait(false);
            return;
        }

        var room = new ManagedRoom(roomId, roomType, dataJson, NewSecret(), now);
        try
        {
            // Registered before the runner starts: the room's first message must find its entry.
            room.Notify = NotifyListener.Open(options.SocketDirectory, roomId, message => OnNotifyAsync(room, message), options.MaxNotifyFrameBytes, logger);
            rooms[roomId] = room;

            // StopAsync may have begun between the check at the top and the line above and taken its list of rooms
            // to drain without this one: starting it now would leave a process nobody stops. StopAsync clears
            // `accepting` before it lists the rooms, this adds the room before it reads `accepting`, each with a full
            // fence in between, so at least one of them sees the other.
            Interlocked.MemoryBarrier();
            if (!accepting)
            {
                await RemoveAsync(room).ConfigureAwait(false);
                return;
            }

            var context = new RunnerContext(
                roomId,
                roomType,
                ServerId,
                room.Secret,
                dataJson,
                room.Notify.SocketPath,
                options.RoomHost,
                code => _ = OnExitedAsync(room, code),
                message => OnRunnerError(room, message));
            logger.LogInformation("starting room {RoomId} ({RoomType})", roomId, roomType);
            var stopper = await runner.StartAsync(context, CancellationToken.None).ConfigureAwait(false);
            if (room.SetStopper(stopper))
            {
                await stopper.StopAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "room {RoomId}: runner failed to start it", roomId);
            await RemoveAsync(room).ConfigureAwait(false);
            if (room.TryDecideExit(RoomExitReason.FailureReported))
            {
                await ReportFailureAsync(roomId, $"runner failed: {e.Message}").ConfigureAwait(false);
            }

            return;
        }

        await Task.WhenAny(room.Started, room.Exited, Task.Delay(options.RoomStartupTimeout, time)).ConfigureAwait(false);

        // Which task "won" says nothing about which happened first (continuations of both may be queued and run in
        // either order), so look at what is true now: spoke → running; exited → OnExitedAsync reports it.
        if (room.Started.IsCompleted || room.Exited.IsCompleted)
        {
            return;
        }

        // Decided before the stop: the exit the stop causes must find the failure already claimed, not report its own.
        var decided = room.TryDecideExit(RoomExitReason.FailureReported);
        await HardStopAsync(room).ConfigureAwait(false);
        await RemoveAsync(room).ConfigureAwait(false);
        if (decided)
        {
            var reason = $"room sent no notify message within {options.RoomStartupTimeout.TotalMilliseconds:F0}ms{RunnerErrorSuffix(room)}";
            logger.LogWarning("room {RoomId} failed to start: {Reason}", roomId, reason);
            metrics.Failed("startup");
            await ReportFailureAsync(roomId, reason).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops a room this server decided to stop: asks it over its notify channel to close its clients with
    /// <paramref name="reason"/>, and falls back to the runner's stopper after <see cref="GathoServerOptions.RoomStopGrace"/>.
    /// </summary>
    private async Task StopRoomAsync(ManagedRoom room, string reason, RoomExitReason exitReason)
    {
        // Keeps an earlier decision (e.g. a failure already reported).
        room.TryDecideExit(exitReason);

        room.Status = RoomProcessStatus.Stopped;
        var asked = room.Notify is { } notify && await notify.SendAsync(new StopRoomCommand(reason)).ConfigureAwait(false);
        if (asked)
        {
            var exited = await Task.WhenAny(room.Exited, Task.Delay(options.RoomStopGrace, time)).ConfigureAwait(false);
            if (exited == room.Exited)
            {
                return;
            }
        }

        await HardStopAsync(room).ConfigureAwait(false);
    }

    /// <summary>The runner's stopper (SIGTERM then SIGKILL for subprocesses); queued if the runner has not returned yet.</summary>
    private static async Task HardStopAsync(ManagedRoom room)
    {
        if (room.RequestStop() is { } stopper)
        {
            await stopper.StopAsync().ConfigureAwait(false);
        }
    }

    // Bound on waiting for an exited room's last notify frames (its socket is closed, so this is normally instant).
    private static readonly TimeSpan ExitDrainTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The runner saw the room exit — during startup or after, it is handled here, once. Unless this server stopped
    /// it or already reported it, that is a failure.
    /// </summary>
    private async Task OnExitedAsync(ManagedRoom room, int? code)
    {
        // The exit can be seen before the notify reader has handled what the room wrote just before exiting (its
        // `stopped`, say): let that finish first, or a clean self-stop would be reported as a crash.
        if (room.Notify is { } notify)
        {
            await notify.DrainAsync(ExitDrainTimeout).ConfigureAwait(false);
        }

        var duringStartup = !room.Started.IsCompleted;
        room.MarkExited(code);
        room.Status = RoomProcessStatus.Stopped;
        await RemoveAsync(room).ConfigureAwait(false);
        if (room.TryDecideExit(RoomExitReason.FailureReported))
        {
            var reason = duringStartup
                ? $"room process exited during startup (code {FormatCode(code)}){RunnerErrorSuffix(room)}"
                : $"unexpected process exit (code {FormatCode(code)}){RunnerErrorSuffix(room)}";
            logger.LogWarning("room {RoomId} failed: {Reason}", room.RoomId, reason);
            metrics.Failed(duringStartup ? "startup" : "exited");
            await ReportFailureAsync(room.RoomId, reason).ConfigureAwait(false);
            return;
        }

        switch (room.ExitReason)
        {
            case RoomExitReason.StoppedByServer when !accepting:
                // Draining: the room is gone, so its listing must go now, not when the server unregisters.
                await Guard(() => driver.UnregisterRoomAsync(room.RoomId), "unregister drained room").ConfigureAwait(false);
                break;
            default:
                logger.LogInformation("room {RoomId} exited (code {Code}, {Reason})", room.RoomId, FormatCode(code), room.ExitReason);
                break;
        }
    }

    /// <summary>
    /// A runner's own error report (e.g. the spawn failed). Logged and kept for the failure reason; deliberately not
    /// handled as a notify message: gatho let a synthesized error open the startup gate, so a spawn failure was then
    /// reported as an "unexpected process exit" and its cause was lost to the creator.
    /// </summary>
    private void OnRunnerError(ManagedRoom room, string message)
    {
        room.RunnerError = message;
        logger.LogError("room {RoomId}: runner reported: {Error}", room.RoomId, message);
    }

    private static string RunnerErrorSuffix(ManagedRoom room) => room.RunnerError is { } error ? ": " + error : string.Empty;

    /// <summary>Forgets a room locally: its entry and its notify socket directory (gone when this returns, whoever calls).</summary>
    private async Task RemoveAsync(ManagedRoom room)
    {
        rooms.TryRemove(new KeyValuePair<string, ManagedRoom>(room.RoomId, room));
        await room.CloseNotifyAsync().ConfigureAwait(false);
    }

    private Task ReportFailureAsync(string roomId, string reason) =>
        Guard(() => driver.RoomFailureAsync(roomId, reason), "report room failure");

    private async Task Guard(Func<Task> action, string what)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "server {ServerId}: {What} failed", ServerId, what);
        }
    }

    private async Task<T?> Guard<T>(Func<Task<T>> action, string what)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "server {ServerId}: {What} failed", ServerId, what);
            return default;
        }
    }

    private static string NewSecret()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.Encode(bytes);
    }

    private static string FormatCode(int? code) => code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
}
