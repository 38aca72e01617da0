using Gatho.Drivers.Model;
using Gatho.Drivers.Validation;
using Gatho.Sdk.Errors;
using Gatho.Sdk.Placement;
using Microsoft.Extensions.Logging;

namespace Gatho.Sdk;

// Room lifecycle: create (on a named server or the least-loaded one) and destroy.
public sealed partial class GathoSdk
{
    /// <summary>
    /// Places a new room of <paramref name="roomType"/> on <paramref name="serverId"/> and waits until the server reports
    /// it running. The wait starts before the registration (so a fast ready is never missed); the record lives for
    /// the timeout plus <see cref="RegistrationGrace"/>. On any failure the record is removed (best effort) before the
    /// error is rethrown; if the room comes up after the caller gave up, its server is refused and stops it.
    /// </summary>
    /// <param name="roomType">The room type; the server must support it.</param>
    /// <param name="serverId">The server to run it on.</param>
    /// <param name="dataJson">Creation data handed to the room's server: a JSON object (default <c>{}</c>).</param>
    /// <param name="tags">Room tags.</param>
    /// <param name="timeout">How long to wait for the room to run (default <see cref="DefaultCreateTimeout"/>).</param>
    /// <param name="maxClients">The room's capacity (clients plus live seats); null for no limit.</param>
    /// <param name="cancellationToken">Stops waiting (the record is then removed).</param>
    /// <returns>The running room, with its endpoint.</returns>
    /// <exception cref="Drivers.Errors.ServerNotFoundException">No such server.</exception>
    /// <exception cref="Drivers.Errors.RoomTimeoutException">Not running within the timeout.</exception>
    /// <exception cref="Drivers.Errors.RoomFailedException">The server reported a start failure.</exception>
    /// <exception cref="Drivers.Errors.RoomStartException">Ready was signalled but the record was gone.</exception>
    /// <exception cref="Protocol.Errors.InvalidTagException">A tag breaks the tag rules.</exception>
    /// <exception cref="Protocol.Errors.PayloadTooLargeException">Data over 64 KiB or tags over 512 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive.</exception>
    public async Task<RoomInfo> CreateRoomAsync(
        string roomType,
        string serverId,
        string? dataJson = null,
        IReadOnlyDictionary<string, string>? tags = null,
        TimeSpan? timeout = null,
        int? maxClients = null,
        CancellationToken cancellationToken = default)
    {
        var wait = DriverArguments.Timeout(timeout ?? DefaultCreateTimeout, nameof(timeout));
        var roomId = Guid.NewGuid().ToString();
        var registration = new RoomRegistration(roomId, roomType, serverId, WholeMilliseconds(wait) + RegistrationGrace, dataJson, tags, maxClients);

        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Driver.WaitForRoomAsync(roomId, wait, registered.Task, cancellationToken);
        try
        {
            await Driver.RegisterRoomAsync(registration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            registered.TrySetException(e);

            // Mark both faulted tasks observed: a wait that failed early (e.g. a disposed driver) never looked at
            // the registration task, and the wait itself fails with the same error the caller gets below.
            _ = registered.Task.Exception;
            await ObserveAsync(running).ConfigureAwait(false);
            await UnregisterBestEffortAsync(roomId).ConfigureAwait(false);
            throw;
        }

        registered.TrySetResult();
        try
        {
            return await running.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogInformation("room {RoomId} ({RoomType} on {ServerId}) did not start: {Error}", roomId, roomType, serverId, e.Message);
            await UnregisterBestEffortAsync(roomId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Like <see cref="CreateRoomAsync"/>, on the live server that supports <paramref name="roomType"/> (and has every
    /// tag in <paramref name="serverTags"/>) with the fewest rooms.
    /// </summary>
    /// <exception cref="NoServerAvailableException">No live server supports the type with those tags.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxClients"/> is below 1.</exception>
    public async Task<RoomInfo> CreateRoomOnLeastLoadedServerAsync(
        string roomType,
        IReadOnlyDictionary<string, string>? serverTags = null,
        string? dataJson = null,
        IReadOnlyDictionary<string, string>? tags = null,
        TimeSpan? timeout = null,
        int? maxClients = null,
        CancellationToken cancellationToken = default)
    {
        DriverArguments.Id(roomType, nameof(roomType));
        var filter = new ServerFilter { RoomTypes = [roomType], Tags = serverTags };
        var candidates = await Driver.ListServersAsync(filter, cancellationToken).ConfigureAwait(false);
        var server = LeastLoadedPlacement.Choose(candidates)
            ?? throw new NoServerAvailableException(roomType, serverTags ?? Tags.None);
        return await CreateRoomAsync(roomType, server.ServerId, dataJson, tags, timeout, maxClients, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the room and its clients from the driver; the driver pushes the removal to the room's server, which stops
    /// the process. False when there was no such room.
    /// </summary>
    public Task<bool> DestroyRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        Driver.UnregisterRoomAsync(roomId, cancellationToken);

    // gatho rounds the wait up to whole milliseconds before adding the grace; stores keep TTLs in milliseconds.
    private static TimeSpan WholeMilliseconds(TimeSpan value) =>
        TimeSpan.FromTicks((value.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch
        {
            // Deliberately ignored: the caller rethrows the registration error, which is the same failure.
        }
    }

    private async Task UnregisterBestEffortAsync(string roomId)
    {
        try
        {
            // Not the caller's token: a cancelled create must still clean up its record.
            await Driver.UnregisterRoomAsync(roomId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "could not remove the record of room {RoomId} after its creation failed; it lapses at its TTL", roomId);
        }
    }
}
