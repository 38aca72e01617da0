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
    /// for its startup gate: the first notify message of any kind. A room that exits first or stays silent past the
    /// startup timeout is reported failed.
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
            room.ExitReason = RoomExitReason.FailureReported;
            await RemoveAsync(room).ConfigureAwait(false);
            await ReportFailureAsync(roomId, $"runner failed: {e.Message}").ConfigureAwait(false);
            return;
        }

        var gate = await Task.WhenAny(room.Started, room.Exited, Task.Delay(options.RoomStartupTimeout, time)).ConfigureAwait(false);
        if (gate == room.Started)
        {
            return;
        }

        if (gate != room.Exited)
        {
            await HardStopAsync(room).ConfigureAwait(false);
        }

        if (room.ExitReason != RoomExitReason.None)
        {
            // This server stopped the room before it spoke (destroyed, no longer wanted, draining): nothing to report.
            // OnExitedAsync leaves rooms that are still behind their gate to this method, so forget it here, or its
            // entry and socket directory would stay for the life of the server.
            await RemoveAsync(room).ConfigureAwait(false);
            return;
        }

        var reason = gate == room.Exited
            ? $"room process exited during startup (code {FormatCode(room.Exited.Result)}){RunnerErrorSuffix(room)}"
            : $"room sent no notify message within {options.RoomStartupTimeout.TotalMilliseconds:F0}ms{RunnerErrorSuffix(room)}";
        room.ExitReason = RoomExitReason.FailureReported;
        logger.LogWarning("room {RoomId} failed to start: {Reason}", roomId, reason);
        metrics.Failed("startup");
        await RemoveAsync(room).ConfigureAwait(false);
        await ReportFailureAsync(roomId, reason).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops a room this server decided to stop: asks it over its notify channel to close its clients with
    /// <paramref name="reason"/>, and falls back to the runner's stopper after <see cref="GathoServerOptions.RoomStopGrace"/>.
    /// </summary>
    private async Task StopRoomAsync(ManagedRoom room, string reason, RoomExitReason exitReason)
    {
        if (room.ExitReason == RoomExitReason.None)
        {
            room.ExitReason = exitReason;
        }

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

    /// <summary>The runner saw the room exit. Unless this server stopped it or already reported it, that is a failure.</summary>
    private async Task OnExitedAsync(ManagedRoom room, int? code)
    {
        room.MarkExited(code);
        room.Status = RoomProcessStatus.Stopped;
        if (!room.Started.IsCompleted)
        {
            // The startup gate reports this one.
            return;
        }

        await RemoveAsync(room).ConfigureAwait(false);
        switch (room.ExitReason)
        {
            case RoomExitReason.None:
                room.ExitReason = RoomExitReason.FailureReported;
                logger.LogWarning("room {RoomId} exited unexpectedly (code {Code})", room.RoomId, FormatCode(code));
                metrics.Failed("exited");
                await ReportFailureAsync(room.RoomId, $"unexpected process exit (code {FormatCode(code)}){RunnerErrorSuffix(room)}").ConfigureAwait(false);
                break;
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

    /// <summary>Forgets a room locally: its entry and its notify socket directory.</summary>
    private async Task RemoveAsync(ManagedRoom room)
    {
        if (rooms.TryGetValue(room.RoomId, out var current) && ReferenceEquals(current, room))
        {
            rooms.TryRemove(room.RoomId, out _);
        }

        if (room.TakeNotify() is { } notify)
        {
            await notify.DisposeAsync().ConfigureAwait(false);
        }
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
