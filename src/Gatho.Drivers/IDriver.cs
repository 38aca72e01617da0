using Gatho.Drivers.Events;
using Gatho.Drivers.Model;

namespace Gatho.Drivers;

/// <summary>
/// The shared store and signalling that servers and the SDK coordinate through (gatho-behaviour §8). Every
/// implementation — in-memory, Redis, PostgreSQL — passes the same conformance suite. Implementations are
/// thread-safe, validate every argument before writing anything (a rejected call writes nothing), evaluate filters in
/// the store, and take time from a <see cref="TimeProvider"/> (or the store's own clock).
/// </summary>
/// <remarks>
/// Errors: <see cref="Errors.ServerNotFoundException"/>, <see cref="Errors.RoomNotFoundException"/>,
/// <see cref="Errors.RoomNotRunningException"/>, <see cref="Errors.RoomExistsException"/>,
/// <see cref="Protocol.Errors.InvalidTagException"/>, <see cref="Protocol.Errors.PayloadTooLargeException"/> for domain
/// problems; <see cref="ArgumentException"/> / <see cref="ArgumentOutOfRangeException"/> naming the value for malformed
/// ids, JSON, URLs and TTLs; <see cref="ObjectDisposedException"/> after disposal.
/// </remarks>
public interface IDriver : IAsyncDisposable
{
    /// <summary>
    /// True when state lives in this process (the memory driver): the server and the SDK must then share one instance,
    /// and a server may publish a non-routable endpoint.
    /// </summary>
    bool IsLocal { get; }

    /// <summary>How long after its last heartbeat a server counts as stale (hidden from listings, reapable).</summary>
    TimeSpan StaleServerAfter { get; }

    // ---- rooms -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Writes a <see cref="RoomStatus.Requested"/> room for <see cref="RoomRegistration.ServerId"/> that lapses after
    /// <see cref="RoomRegistration.Ttl"/> unless it becomes running, and pushes a <see cref="RoomAssignedEvent"/> to that
    /// server's subscribers.
    /// </summary>
    /// <exception cref="Errors.ServerNotFoundException">The server is not registered.</exception>
    /// <exception cref="Errors.RoomExistsException">The room id is already recorded.</exception>
    /// <exception cref="Protocol.Errors.InvalidTagException">A tag breaks the tag rules.</exception>
    /// <exception cref="Protocol.Errors.PayloadTooLargeException">Data over 64 KiB or tags over 512 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The TTL is not a positive whole number of milliseconds, or the capacity is below 1.</exception>
    Task RegisterRoomAsync(RoomRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a room and its clients and pushes a <see cref="RoomRemovedEvent"/> to its server, which stops the
    /// process. Returns false (and pushes nothing) when there was no such room.
    /// </summary>
    Task<bool> UnregisterRoomAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>The room with its clients, or null.</summary>
    Task<RoomInfo?> GetRoomAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>Rooms matching <paramref name="filter"/> (all when null), oldest first.</summary>
    /// <exception cref="Protocol.Errors.InvalidTagException">A filter tag breaks the tag rules.</exception>
    Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(RoomFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Merges <paramref name="tags"/> into the room's tags (same key: new value wins).</summary>
    /// <exception cref="Errors.RoomNotFoundException">No such room.</exception>
    /// <exception cref="Protocol.Errors.PayloadTooLargeException">The merged tags would be over 512 bytes.</exception>
    Task AddRoomTagsAsync(string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Removes the given tag keys from the room (absent keys are ignored).</summary>
    /// <exception cref="Errors.RoomNotFoundException">No such room.</exception>
    Task RemoveRoomTagsAsync(string roomId, IEnumerable<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a room running with its client-facing <paramref name="endpoint"/> (ws/wss/http/https) and seat-signing
    /// <paramref name="roomSecret"/>, removes its TTL and publishes the ready signal. Returns false and writes nothing
    /// when the record is gone (destroyed, failed, or its request lapsed because the caller gave up): the server must
    /// then stop the room.
    /// </summary>
    Task<bool> RoomReadyAsync(string roomId, string endpoint, string roomSecret, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes the failed signal with <paramref name="reason"/> (so a waiting <see cref="WaitForRoomAsync"/> fails
    /// fast), then deletes the room and its clients and pushes a <see cref="RoomRemovedEvent"/> to its server.
    /// </summary>
    Task RoomFailureAsync(string roomId, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the room is running (gatho-behaviour §8.5; see <see cref="Waiting.RoomWaiter.WaitAsync"/> for the
    /// exact rules). Start it <em>before</em> registering the room and complete <paramref name="registered"/> when the
    /// registration succeeded (or fail it with the registration's exception).
    /// </summary>
    /// <exception cref="Errors.RoomTimeoutException">Not running within <paramref name="timeout"/>.</exception>
    /// <exception cref="Errors.RoomFailedException">The server reported a failure, or the record vanished after registration.</exception>
    /// <exception cref="Errors.RoomStartException">A ready signal arrived but the record was gone.</exception>
    Task<RoomInfo> WaitForRoomAsync(string roomId, TimeSpan timeout, Task registered, CancellationToken cancellationToken = default);

    // ---- clients -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Holds a seat in a running room: writes a <see cref="ClientStatus.Reserved"/> client under a new id that lapses
    /// after the request's TTL, and returns what the SDK needs to mint the seat token.
    /// </summary>
    /// <exception cref="Errors.RoomNotFoundException">No such room.</exception>
    /// <exception cref="Errors.RoomNotRunningException">The room is still requested.</exception>
    /// <exception cref="Errors.RoomFullException">Every seat is taken (its capacity counts connected clients and live reservations).</exception>
    /// <exception cref="Errors.RoomLockedException">The room is locked.</exception>
    /// <exception cref="Protocol.Errors.InvalidTagException">A client tag breaks the tag rules.</exception>
    /// <exception cref="Protocol.Errors.PayloadTooLargeException">Join data over 2048 bytes or tags over 512 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The TTL is not a positive whole number of milliseconds.</exception>
    Task<ClientReservation> ReserveClientAsync(ClientReservationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the client as connected to <paramref name="roomId"/> with <paramref name="tags"/>: an idempotent full
    /// upsert (status, tags and connection time are replaced, any expiry removed), so it also heals a reservation that
    /// lapsed before the client arrived.
    /// </summary>
    /// <exception cref="Errors.RoomNotFoundException">No such room.</exception>
    Task ConnectClientAsync(string clientId, string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Deletes the client's record; false when there was none.</summary>
    Task<bool> DisconnectClientAsync(string clientId, CancellationToken cancellationToken = default);

    // ---- matchmaking ------------------------------------------------------------------------------------------

    /// <summary>
    /// In one atomic step — across any number of SDK instances and servers — reserves a seat in an existing room that
    /// matches the request (type, tags, not locked, a free seat; requested rooms count, so concurrent callers fill
    /// the room one of them just registered), or registers <see cref="JoinOrCreateRequest.NewRoom"/> as
    /// <see cref="RegisterRoomAsync"/> would (pushing its assignment) and reserves the seat in it. Chooses the fullest
    /// matching room first, then the oldest. A seat in a requested room lapses at its TTL or with the room.
    /// </summary>
    /// <exception cref="Errors.ServerNotFoundException">No room matched and the new room's server is not registered.</exception>
    /// <exception cref="Errors.RoomExistsException">No room matched and the new room's id is taken.</exception>
    /// <exception cref="ArgumentException">The new room has no capacity (<see cref="RoomRegistration.MaxClients"/> is null).</exception>
    Task<MatchedSeat> JoinOrCreateAsync(JoinOrCreateRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The reservation (with what a seat token needs) of a client reserved in a room that is now running; null when
    /// the client is not reserved any more (lapsed, connected, removed). The driver keeps no join data:
    /// <paramref name="dataJson"/> is validated and carried into the result.
    /// </summary>
    /// <exception cref="Errors.RoomNotRunningException">The client's room is still requested.</exception>
    Task<ClientReservation?> GetReservationAsync(string clientId, string? dataJson = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks or unlocks a room. A locked room is never chosen by <see cref="JoinOrCreateAsync"/> and refuses new
    /// seats (<see cref="Errors.RoomLockedException"/>); its clients and their reservations stay.
    /// </summary>
    /// <exception cref="Errors.RoomNotFoundException">No such room.</exception>
    Task SetRoomLockedAsync(string roomId, bool locked, CancellationToken cancellationToken = default);

    // ---- servers -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Registers or refreshes a server (gatho-behaviour §7.10): the first heartbeat — or the first after the record
    /// was reaped or unregistered — creates the record with the heartbeat's tags, unregisters any other server with
    /// the same endpoint (a restart under a new id) and reports <see cref="HeartbeatResult.Registered"/>; later ones
    /// refresh the endpoint, room types and liveness and leave the tags alone. Answers with the stored tags and every
    /// room placed on the server.
    /// </summary>
    /// <exception cref="Protocol.Errors.InvalidTagException">A tag breaks the tag rules.</exception>
    /// <exception cref="Protocol.Errors.PayloadTooLargeException">Tags over 512 bytes.</exception>
    Task<HeartbeatResult> HeartbeatAsync(ServerHeartbeat heartbeat, CancellationToken cancellationToken = default);

    /// <summary>Deletes a server with all its rooms and their clients (no events are pushed); false when there was none.</summary>
    Task<bool> UnregisterServerAsync(string serverId, CancellationToken cancellationToken = default);

    /// <summary>Merges <paramref name="tags"/> into the server's tags.</summary>
    /// <exception cref="Errors.ServerNotFoundException">No such server.</exception>
    /// <exception cref="Protocol.Errors.PayloadTooLargeException">The merged tags would be over 512 bytes.</exception>
    Task AddServerTagsAsync(string serverId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Removes the given tag keys from the server (absent keys are ignored).</summary>
    /// <exception cref="Errors.ServerNotFoundException">No such server.</exception>
    Task RemoveServerTagsAsync(string serverId, IEnumerable<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Live (non-stale) servers matching <paramref name="filter"/>, each with its rooms, ordered by id.</summary>
    Task<IReadOnlyList<ServerInfo>> ListServersAsync(ServerFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Servers whose last heartbeat is older than <see cref="StaleServerAfter"/>.</summary>
    Task<IReadOnlyList<ServerInfo>> ListStaleServersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a stale server with its rooms and clients, re-checking staleness atomically with the delete (a
    /// heartbeat that landed meanwhile wins). True when it was deleted.
    /// </summary>
    Task<bool> ReapServerAsync(string serverId, CancellationToken cancellationToken = default);

    /// <summary>The server, stale or not, or null.</summary>
    Task<ServerInfo?> GetServerAsync(string serverId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes this server's <see cref="ServerEvent"/>s to <paramref name="handler"/>, in order, one at a time, for
    /// every change made after this call returns. The server need not be registered yet (subscribe before the first
    /// heartbeat so no assignment is missed). A throwing handler is logged and delivery continues. Dispose the result
    /// to stop.
    /// </summary>
    Task<IAsyncDisposable> SubscribeServerEventsAsync(string serverId, Func<ServerEvent, ValueTask> handler, CancellationToken cancellationToken = default);

    // ---- leader election ---------------------------------------------------------------------------------------

    /// <summary>
    /// Tries to become the leader (the one server that reaps stale servers). Networked drivers grant one leader at a
    /// time with a lease that must be renewed; the memory driver always grants it (one process).
    /// </summary>
    Task<bool> TryAcquireLeaderAsync(string serverId, CancellationToken cancellationToken = default);

    /// <summary>Extends the leader lease; false when <paramref name="serverId"/> no longer holds it.</summary>
    Task<bool> RenewLeaderAsync(string serverId, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up if <paramref name="serverId"/> holds it.</summary>
    Task ReleaseLeaderAsync(string serverId, CancellationToken cancellationToken = default);
}
