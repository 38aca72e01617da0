using Gatho.Drivers.Model;
using Microsoft.Extensions.Logging;

namespace Gatho.Drivers.Waiting;

/// <summary>
/// Reads a room record; null when it does not exist. May throw <see cref="Errors.RoomFailedException"/> when the
/// store recorded why the room failed, which then ends the wait with that reason.
/// </summary>
public delegate Task<RoomInfo?> RoomRecordReader(string roomId, CancellationToken cancellationToken);

/// <summary>
/// Subscribes to a room's ready/failed signals; the returned handle unsubscribes. <paramref name="onSignal"/> must not
/// be called while the driver holds a lock (it reads the room).
/// </summary>
public delegate Task<IAsyncDisposable> RoomSignalSubscriber(string roomId, Action<RoomSignal> onSignal, CancellationToken cancellationToken);

/// <summary>
/// gatho's <c>waitForRoomRunning</c> (gatho-behaviour §8.5), shared by every driver's
/// <see cref="IDriver.WaitForRoomAsync"/>: waits until a room's record is running, combining signals (fast) with a
/// poll every second (robust against lost signals).
/// </summary>
public sealed class RoomWaiter
{
    /// <summary>How often the record is polled while waiting.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly RoomRecordReader readRoom;
    private readonly RoomSignalSubscriber subscribe;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    /// <summary>Creates a waiter over a driver's record reader and signal subscriber.</summary>
    public RoomWaiter(RoomRecordReader readRoom, RoomSignalSubscriber subscribe, TimeProvider time, ILogger logger)
    {
        this.readRoom = readRoom ?? throw new ArgumentNullException(nameof(readRoom));
        this.subscribe = subscribe ?? throw new ArgumentNullException(nameof(subscribe));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Waits for <paramref name="roomId"/> to be running. Settles once, with the first of:
    /// a read showing the room running → that record;
    /// the timeout → <see cref="Errors.RoomTimeoutException"/>;
    /// a failed signal → <see cref="Errors.RoomFailedException"/> with the server's reason;
    /// a read issued after a ready signal finding no record → <see cref="Errors.RoomStartException"/>;
    /// a read issued after <paramref name="registered"/> completed finding no record →
    /// <see cref="Errors.RoomFailedException"/> (<c>room record removed</c>);
    /// <paramref name="registered"/> failing → that exception;
    /// cancellation → <see cref="OperationCanceledException"/>.
    /// Reads happen at once, every <see cref="PollInterval"/>, when registration completes, when the signal
    /// subscription is in place (a ready published before it would otherwise be missed) and on every ready signal.
    /// Misses on reads issued before registration completed are ignored: the record may not be written yet. Read
    /// errors are logged and retried at the next poll, except <see cref="ObjectDisposedException"/> (a disposed driver
    /// ends the wait) and <see cref="Errors.RoomFailedException"/> (a reader that knows the room failed settles the wait
    /// with it); a failed subscription degrades to polling.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    public Task<RoomInfo> WaitAsync(string roomId, TimeSpan timeout, Task registered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roomId);
        ArgumentNullException.ThrowIfNull(registered);
        Validation.DriverArguments.Timeout(timeout, nameof(timeout));
        return new RoomWait(this, roomId, timeout).RunAsync(registered, cancellationToken);
    }

    /// <summary>One wait: the state that decides how a read's outcome is interpreted.</summary>
    private sealed class RoomWait
    {
        private readonly RoomWaiter owner;
        private readonly string roomId;
        private readonly TimeSpan timeout;
        private readonly TaskCompletionSource<RoomInfo> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        // Cancelled when the wait settles, to stop reads and a pending subscription. Never disposed: reads still in
        // flight read its token, and it owns no timer.
        private readonly CancellationTokenSource settled = new();
        private volatile bool registrationCompleted;
        private volatile bool readySignalled;

        public RoomWait(RoomWaiter owner, string roomId, TimeSpan timeout)
        {
            this.owner = owner;
            this.roomId = roomId;
            this.timeout = timeout;
        }

        public async Task<RoomInfo> RunAsync(Task registered, CancellationToken cancellationToken)
        {
            // Everything up to the first await runs before WaitAsync returns, so the timers exist as soon as the
            // caller holds the task (a fake clock advanced right after the call still fires them).
            using var timeoutTimer = owner.time.CreateTimer(
                _ => outcome.TrySetException(new Errors.RoomTimeoutException(roomId, timeout)), null, timeout, Timeout.InfiniteTimeSpan);
            using var pollTimer = owner.time.CreateTimer(_ => StartRead(), null, PollInterval, PollInterval);
            using var cancellation = cancellationToken.Register(() => outcome.TrySetCanceled(cancellationToken));

            StartRead();
            _ = ObserveRegistrationAsync(registered);
            var subscribing = SubscribeAsync();
            try
            {
                return await outcome.Task.ConfigureAwait(false);
            }
            finally
            {
                await settled.CancelAsync().ConfigureAwait(false);
                var subscription = await subscribing.ConfigureAwait(false);
                if (subscription is not null)
                {
                    try
                    {
                        await subscription.DisposeAsync().ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        owner.logger.LogWarning(e, "unsubscribing from signals of room {RoomId} failed", roomId);
                    }
                }
            }
        }

        private async Task<IAsyncDisposable?> SubscribeAsync()
        {
            try
            {
                var subscription = await owner.subscribe(roomId, OnSignal, settled.Token).ConfigureAwait(false);

                // A ready published between the first read and the subscription would be lost without this read.
                StartRead();
                return subscription;
            }
            catch (OperationCanceledException) when (settled.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception e)
            {
                owner.logger.LogWarning(e, "subscribing to signals of room {RoomId} failed; waiting by polling only", roomId);
                return null;
            }
        }

        private async Task ObserveRegistrationAsync(Task registered)
        {
            try
            {
                await registered.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (registered.IsCanceled)
            {
                outcome.TrySetCanceled();
                return;
            }
            catch (Exception e)
            {
                outcome.TrySetException(e);
                return;
            }

            registrationCompleted = true;
            StartRead();
        }

        private void OnSignal(RoomSignal signal)
        {
            switch (signal)
            {
                case RoomFailedSignal failed:
                    outcome.TrySetException(new Errors.RoomFailedException(roomId, failed.Reason));
                    break;
                case RoomReadySignal:
                    readySignalled = true;
                    StartRead();
                    break;
            }
        }

        private void StartRead() => _ = ReadAsync();

        private async Task ReadAsync()
        {
            if (outcome.Task.IsCompleted)
            {
                return;
            }

            // What a miss means depends on what had happened when the read was issued, not when it returns.
            var afterReady = readySignalled;
            var afterRegistration = registrationCompleted;
            RoomInfo? room;
            try
            {
                room = await owner.readRoom(roomId, settled.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (settled.IsCancellationRequested)
            {
                return;
            }
            catch (Errors.RoomFailedException e)
            {
                // A networked driver's reader may know the failure reason before the failed signal arrives (the
                // delete is visible to a poll first): that is the wait's outcome, not a read error to retry.
                outcome.TrySetException(e);
                return;
            }
            catch (ObjectDisposedException e)
            {
                // The driver is gone: retrying every second until the timeout would only fill the log.
                outcome.TrySetException(e);
                return;
            }
            catch (Exception e)
            {
                owner.logger.LogWarning(e, "reading room {RoomId} while waiting for it failed; retrying at the next poll", roomId);
                return;
            }

            if (room is null)
            {
                if (afterReady)
                {
                    outcome.TrySetException(new Errors.RoomStartException(roomId));
                }
                else if (afterRegistration)
                {
                    outcome.TrySetException(new Errors.RoomFailedException(roomId, Errors.RoomFailedException.RecordRemovedReason));
                }

                return;
            }

            if (room.Status == RoomStatus.Running)
            {
                outcome.TrySetResult(room);
            }
        }
    }
}
