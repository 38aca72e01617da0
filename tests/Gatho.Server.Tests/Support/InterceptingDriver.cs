using Gatho.Drivers;
using Gatho.Drivers.Events;
using Gatho.Drivers.Model;

namespace Gatho.Server.Tests.Support;

/// <summary>
/// A driver decorator for provoking what a networked store does to a server: pushes that never arrive, calls that
/// fail once, a report that is slow, a heartbeat answered with a stale snapshot, a store that is not local. Everything
/// else passes through to the inner driver, and the calls the server makes are counted.
/// </summary>
internal sealed class InterceptingDriver : IDriver
{
    private readonly IDriver inner;
    private int connectFailures;
    private int readyFailures;
    private int disconnectFailures;
    private int connectCalls;
    private int disconnectCalls;
    private int heartbeats;
    private int getRoomCalls;
    private int failedHeartbeats;
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string RoomId, string Reason)> failures = new();

    public InterceptingDriver(IDriver inner)
    {
        this.inner = inner;
    }

    /// <summary>Overrides <see cref="IsLocal"/> (false = behave as a networked driver).</summary>
    public bool? Local { get; set; }

    /// <summary>Pushed events for which this returns true are never delivered (a lost pub/sub message).</summary>
    public Func<ServerEvent, bool>? DropEvent { get; set; }

    /// <summary>Runs right after a room registration was written.</summary>
    public Action<RoomRegistration>? AfterRegisterRoom { get; set; }

    /// <summary>Awaited before a failure is written (a slow or stuck report).</summary>
    public Func<Task>? BeforeRoomFailure { get; set; }

    /// <summary>
    /// Awaited after the store answered a heartbeat and before the server sees the answer: whatever happens meanwhile
    /// is missing from that answer (a push that lands mid-tick).
    /// </summary>
    public Func<Task>? AfterHeartbeatRead { get; set; }

    /// <summary>While true every heartbeat throws (the store is unreachable).</summary>
    public bool FailHeartbeats { get; set; }

    /// <summary>Failures the servers reported, in order.</summary>
    public IReadOnlyCollection<(string RoomId, string Reason)> Failures => failures.ToArray();

    public int FailedHeartbeats => Volatile.Read(ref failedHeartbeats);

    public int GetRoomCalls => Volatile.Read(ref getRoomCalls);

    public int ConnectClientCalls => Volatile.Read(ref connectCalls);

    public int DisconnectClientCalls => Volatile.Read(ref disconnectCalls);

    /// <summary>Heartbeats answered so far (each one is a completed read of the store).</summary>
    public int Heartbeats => Volatile.Read(ref heartbeats);

    public bool IsLocal => Local ?? inner.IsLocal;

    public TimeSpan StaleServerAfter => inner.StaleServerAfter;

    /// <summary>The next <paramref name="count"/> ConnectClient calls throw (a store blip on the fast path).</summary>
    public void FailConnectClient(int count = 1) => Volatile.Write(ref connectFailures, count);

    /// <summary>The next <paramref name="count"/> RoomReady calls throw without writing.</summary>
    public void FailRoomReady(int count = 1) => Volatile.Write(ref readyFailures, count);

    /// <summary>The next <paramref name="count"/> DisconnectClient calls throw.</summary>
    public void FailDisconnectClient(int count = 1) => Volatile.Write(ref disconnectFailures, count);

    /// <summary>Runs before every ConnectClient reaches the store (e.g. to hold a room's notify reader up).</summary>
    public Func<Task>? BeforeConnectClient { get; set; }

    public async Task ConnectClientAsync(string clientId, string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref connectCalls);
        if (BeforeConnectClient is { } before)
        {
            await before();
        }

        if (TakeFailure(ref connectFailures))
        {
            throw new IOException($"injected failure: connect client {clientId}");
        }

        await inner.ConnectClientAsync(clientId, roomId, tags, cancellationToken);
    }

    public Task<bool> DisconnectClientAsync(string clientId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref disconnectCalls);
        return TakeFailure(ref disconnectFailures)
            ? Task.FromException<bool>(new IOException($"injected failure: disconnect client {clientId}"))
            : inner.DisconnectClientAsync(clientId, cancellationToken);
    }

    public async Task<HeartbeatResult> HeartbeatAsync(ServerHeartbeat heartbeat, CancellationToken cancellationToken = default)
    {
        if (FailHeartbeats)
        {
            Interlocked.Increment(ref failedHeartbeats);
            throw new IOException("injected failure: store unreachable");
        }

        var result = await inner.HeartbeatAsync(heartbeat, cancellationToken);
        if (AfterHeartbeatRead is { } pause)
        {
            await pause();
        }

        Interlocked.Increment(ref heartbeats);
        return result;
    }

    public async Task RoomFailureAsync(string roomId, string reason, CancellationToken cancellationToken = default)
    {
        if (BeforeRoomFailure is { } delay)
        {
            await delay();
        }

        failures.Enqueue((roomId, reason));
        await inner.RoomFailureAsync(roomId, reason, cancellationToken);
    }

    public Task<IAsyncDisposable> SubscribeServerEventsAsync(string serverId, Func<ServerEvent, ValueTask> handler, CancellationToken cancellationToken = default) =>
        inner.SubscribeServerEventsAsync(serverId, e => DropEvent?.Invoke(e) == true ? ValueTask.CompletedTask : handler(e), cancellationToken);

    public async Task RegisterRoomAsync(RoomRegistration registration, CancellationToken cancellationToken = default)
    {
        await inner.RegisterRoomAsync(registration, cancellationToken);
        AfterRegisterRoom?.Invoke(registration);
    }

    public Task<bool> UnregisterRoomAsync(string roomId, CancellationToken cancellationToken = default) => inner.UnregisterRoomAsync(roomId, cancellationToken);

    /// <summary>Awaited before every GetRoom reaches the store (e.g. to hold a heartbeat's reconciliation).</summary>
    public Func<Task>? BeforeGetRoom { get; set; }

    public async Task<RoomInfo?> GetRoomAsync(string roomId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref getRoomCalls);
        if (BeforeGetRoom is { } hook)
        {
            await hook();
        }

        return await inner.GetRoomAsync(roomId, cancellationToken);
    }

    public Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(RoomFilter? filter = null, CancellationToken cancellationToken = default) => inner.ListRoomsAsync(filter, cancellationToken);

    public Task AddRoomTagsAsync(string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) => inner.AddRoomTagsAsync(roomId, tags, cancellationToken);

    public Task RemoveRoomTagsAsync(string roomId, IEnumerable<string> keys, CancellationToken cancellationToken = default) => inner.RemoveRoomTagsAsync(roomId, keys, cancellationToken);

    public Task<bool> RoomReadyAsync(string roomId, string endpoint, string roomSecret, CancellationToken cancellationToken = default) =>
        TakeFailure(ref readyFailures)
            ? Task.FromException<bool>(new IOException($"injected failure: room ready {roomId}"))
            : inner.RoomReadyAsync(roomId, endpoint, roomSecret, cancellationToken);

    public Task<RoomInfo> WaitForRoomAsync(string roomId, TimeSpan timeout, Task registered, CancellationToken cancellationToken = default) => inner.WaitForRoomAsync(roomId, timeout, registered, cancellationToken);

    public Task<ClientReservation> ReserveClientAsync(ClientReservationRequest request, CancellationToken cancellationToken = default) => inner.ReserveClientAsync(request, cancellationToken);

    public Task<MatchedSeat> JoinOrCreateAsync(JoinOrCreateRequest request, CancellationToken cancellationToken = default) => inner.JoinOrCreateAsync(request, cancellationToken);

    public Task<ClientReservation?> GetReservationAsync(string clientId, string? dataJson = null, CancellationToken cancellationToken = default) => inner.GetReservationAsync(clientId, dataJson, cancellationToken);

    public Task SetRoomLockedAsync(string roomId, bool locked, CancellationToken cancellationToken = default) => inner.SetRoomLockedAsync(roomId, locked, cancellationToken);

    public Task<bool> UnregisterServerAsync(string serverId, CancellationToken cancellationToken = default) => inner.UnregisterServerAsync(serverId, cancellationToken);

    public Task AddServerTagsAsync(string serverId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) => inner.AddServerTagsAsync(serverId, tags, cancellationToken);

    public Task RemoveServerTagsAsync(string serverId, IEnumerable<string> keys, CancellationToken cancellationToken = default) => inner.RemoveServerTagsAsync(serverId, keys, cancellationToken);

    public Task<IReadOnlyList<ServerInfo>> ListServersAsync(ServerFilter? filter = null, CancellationToken cancellationToken = default) => inner.ListServersAsync(filter, cancellationToken);

    public Task<IReadOnlyList<ServerInfo>> ListStaleServersAsync(CancellationToken cancellationToken = default) => inner.ListStaleServersAsync(cancellationToken);

    public Task<bool> ReapServerAsync(string serverId, CancellationToken cancellationToken = default) => inner.ReapServerAsync(serverId, cancellationToken);

    public Task<ServerInfo?> GetServerAsync(string serverId, CancellationToken cancellationToken = default) => inner.GetServerAsync(serverId, cancellationToken);

    public Task<bool> TryAcquireLeaderAsync(string serverId, CancellationToken cancellationToken = default) => inner.TryAcquireLeaderAsync(serverId, cancellationToken);

    public Task<bool> RenewLeaderAsync(string serverId, CancellationToken cancellationToken = default) => inner.RenewLeaderAsync(serverId, cancellationToken);

    public Task ReleaseLeaderAsync(string serverId, CancellationToken cancellationToken = default) => inner.ReleaseLeaderAsync(serverId, cancellationToken);

    /// <summary>The inner driver belongs to the test cluster, which disposes it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static bool TakeFailure(ref int remaining)
    {
        while (true)
        {
            var current = Volatile.Read(ref remaining);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref remaining, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
