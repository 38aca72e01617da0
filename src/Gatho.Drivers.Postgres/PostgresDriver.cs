using Gatho.Drivers.Events;
using Gatho.Drivers.Model;
using Gatho.Drivers.Postgres.Notifications;
using Gatho.Drivers.Postgres.Records;
using Gatho.Drivers.Validation;
using Gatho.Drivers.Waiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Gatho.Drivers.Postgres;

/// <summary>
/// The PostgreSQL driver (DESIGN D9): servers and the SDK in any number of processes coordinate through tables in one
/// schema (<see cref="PostgresDriverOptions.Schema"/>), created and migrated on first use. Liveness and leadership are
/// leases by database time; every write is one statement or one transaction; pushes go over LISTEN/NOTIFY carrying
/// ids only, through a listener that reconnects and catches up after a drop. See <c>docs/drivers.md</c>.
/// </summary>
public sealed class PostgresDriver : IDriver
{
    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;
    private readonly RoomStore rooms;
    private readonly ClientStore clients;
    private readonly SeatStore seats;
    private readonly ServerStore servers;
    private readonly LeaderLease leader;
    private readonly NotificationDispatcher notifications;
    private readonly RoomWaiter waiter;
    private int disposed;

    /// <summary>Creates a driver over its own data source built from <paramref name="connectionString"/>.</summary>
    /// <exception cref="Errors.DriverConfigException">An option is unusable.</exception>
    public PostgresDriver(string connectionString, PostgresDriverOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(BuildDataSource(connectionString, loggerFactory), ownsDataSource: true, options, timeProvider, loggerFactory)
    {
    }

    /// <summary>
    /// Creates a driver over <paramref name="dataSource"/>, which the caller keeps owning (it is not disposed with the
    /// driver). <see cref="PostgresDriverOptions.ConnectionString"/> is ignored.
    /// </summary>
    /// <exception cref="Errors.DriverConfigException">An option is unusable.</exception>
    public PostgresDriver(NpgsqlDataSource dataSource, PostgresDriverOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, options, timeProvider, loggerFactory)
    {
    }

    private PostgresDriver(NpgsqlDataSource dataSource, bool ownsDataSource, PostgresDriverOptions? options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory)
    {
        options = (options ?? new PostgresDriverOptions()).Clone();
        options.Validate();
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
        Options = options;
        var logger = (ILogger?)loggerFactory?.CreateLogger<PostgresDriver>() ?? NullLogger<PostgresDriver>.Instance;
        var time = timeProvider ?? TimeProvider.System;
        var database = new PostgresDatabase(dataSource, options, logger);
        rooms = new RoomStore(database);
        clients = new ClientStore(database);
        seats = new SeatStore(database, options.StaleServerAfter);
        servers = new ServerStore(database, rooms, options.StaleServerAfter);
        leader = new LeaderLease(database, options.LeaderLease, options.EventRetention, logger);
        notifications = new NotificationDispatcher(database, rooms, new NotificationListener(database, options, time, logger), logger);
        waiter = new RoomWaiter(rooms.ReadForWaitAsync, notifications.SubscribeRoomAsync, time, logger);
    }

    /// <summary>The settings in use (a copy of what was passed in).</summary>
    public PostgresDriverOptions Options { get; }

    /// <inheritdoc />
    public bool IsLocal => false;

    /// <inheritdoc />
    public TimeSpan StaleServerAfter => Options.StaleServerAfter;

    /// <inheritdoc />
    public Task RegisterRoomAsync(RoomRegistration registration, CancellationToken cancellationToken = default) =>
        Run(token => rooms.RegisterAsync(registration, token), cancellationToken);

    /// <inheritdoc />
    public Task<bool> UnregisterRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        Run(token => rooms.UnregisterAsync(roomId, token), cancellationToken);

    /// <inheritdoc />
    public Task<RoomInfo?> GetRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        Run(token => rooms.GetAsync(roomId, token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(RoomFilter? filter = null, CancellationToken cancellationToken = default) =>
        Run(token => rooms.ListAsync(filter, token), cancellationToken);

    /// <inheritdoc />
    public Task AddRoomTagsAsync(string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        Run(token => rooms.AddTagsAsync(roomId, tags, token), cancellationToken);

    /// <inheritdoc />
    public Task RemoveRoomTagsAsync(string roomId, IEnumerable<string> keys, CancellationToken cancellationToken = default) =>
        Run(token => rooms.RemoveTagsAsync(roomId, keys, token), cancellationToken);

    /// <inheritdoc />
    public Task<bool> RoomReadyAsync(string roomId, string endpoint, string roomSecret, CancellationToken cancellationToken = default) =>
        Run(token => rooms.ReadyAsync(roomId, endpoint, roomSecret, token), cancellationToken);

    /// <inheritdoc />
    public Task RoomFailureAsync(string roomId, string reason, CancellationToken cancellationToken = default) =>
        Run(token => rooms.FailureAsync(roomId, reason, token), cancellationToken);

    /// <inheritdoc />
    public Task<RoomInfo> WaitForRoomAsync(string roomId, TimeSpan timeout, Task registered, CancellationToken cancellationToken = default)
    {
        try
        {
            DriverArguments.Id(roomId, nameof(roomId));
            ThrowIfDisposed();
            return waiter.WaitAsync(roomId, timeout, registered, cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<RoomInfo>(e);
        }
    }

    /// <inheritdoc />
    public Task<ClientReservation> ReserveClientAsync(ClientReservationRequest request, CancellationToken cancellationToken = default) =>
        Run(token => seats.ReserveAsync(request, token), cancellationToken);

    /// <inheritdoc />
    public Task ConnectClientAsync(string clientId, string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        Run(token => clients.ConnectAsync(clientId, roomId, tags, token), cancellationToken);

    /// <inheritdoc />
    public Task<MatchedSeat> JoinOrCreateAsync(JoinOrCreateRequest request, CancellationToken cancellationToken = default) =>
        Run(token => seats.JoinOrCreateAsync(request, token), cancellationToken);

    /// <inheritdoc />
    public Task<ClientReservation?> GetReservationAsync(string clientId, string? dataJson = null, CancellationToken cancellationToken = default) =>
        Run(token => seats.GetReservationAsync(clientId, dataJson, token), cancellationToken);

    /// <inheritdoc />
    public Task SetRoomLockedAsync(string roomId, bool locked, CancellationToken cancellationToken = default) =>
        Run(token => seats.SetLockedAsync(roomId, locked, token), cancellationToken);

    /// <inheritdoc />
    public Task<bool> DisconnectClientAsync(string clientId, CancellationToken cancellationToken = default) =>
        Run(token => clients.DisconnectAsync(clientId, token), cancellationToken);

    /// <inheritdoc />
    public Task<HeartbeatResult> HeartbeatAsync(ServerHeartbeat heartbeat, CancellationToken cancellationToken = default) =>
        Run(token => servers.HeartbeatAsync(heartbeat, token), cancellationToken);

    /// <inheritdoc />
    public Task<bool> UnregisterServerAsync(string serverId, CancellationToken cancellationToken = default) =>
        Run(token => servers.UnregisterAsync(serverId, token), cancellationToken);

    /// <inheritdoc />
    public Task AddServerTagsAsync(string serverId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        Run(token => servers.AddTagsAsync(serverId, tags, token), cancellationToken);

    /// <inheritdoc />
    public Task RemoveServerTagsAsync(string serverId, IEnumerable<string> keys, CancellationToken cancellationToken = default) =>
        Run(token => servers.RemoveTagsAsync(serverId, keys, token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ServerInfo>> ListServersAsync(ServerFilter? filter = null, CancellationToken cancellationToken = default) =>
        Run(token => servers.ListLiveAsync(filter, token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ServerInfo>> ListStaleServersAsync(CancellationToken cancellationToken = default) =>
        Run(servers.ListStaleAsync, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReapServerAsync(string serverId, CancellationToken cancellationToken = default) =>
        Run(token => servers.ReapAsync(serverId, token), cancellationToken);

    /// <inheritdoc />
    public Task<ServerInfo?> GetServerAsync(string serverId, CancellationToken cancellationToken = default) =>
        Run(token => servers.GetAsync(serverId, token), cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncDisposable> SubscribeServerEventsAsync(string serverId, Func<ServerEvent, ValueTask> handler, CancellationToken cancellationToken = default) =>
        Run(
            token =>
            {
                DriverArguments.Id(serverId, nameof(serverId));
                ArgumentNullException.ThrowIfNull(handler);
                return notifications.SubscribeServerAsync(serverId, handler, token);
            },
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>Granted when the lease is free, lapsed or already this server's; lasts <see cref="PostgresDriverOptions.LeaderLease"/>.</remarks>
    public Task<bool> TryAcquireLeaderAsync(string serverId, CancellationToken cancellationToken = default) =>
        Run(token => leader.TryAcquireAsync(serverId, token), cancellationToken);

    /// <inheritdoc />
    public Task<bool> RenewLeaderAsync(string serverId, CancellationToken cancellationToken = default) =>
        Run(token => leader.RenewAsync(serverId, token), cancellationToken);

    /// <inheritdoc />
    public Task ReleaseLeaderAsync(string serverId, CancellationToken cancellationToken = default) =>
        Run(token => leader.ReleaseAsync(serverId, token), cancellationToken);

    /// <summary>
    /// Stops the listener and every subscription, and disposes the data source if the driver built it. Later calls
    /// throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await notifications.DisposeAsync().ConfigureAwait(false);
        if (ownsDataSource)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static NpgsqlDataSource BuildDataSource(string connectionString, ILoggerFactory? loggerFactory)
    {
        DriverArguments.Text(connectionString, nameof(connectionString));
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        return builder.Build();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);

    /// <summary>Checks disposal, then runs the operation; argument errors surface as a faulted task, as from the memory driver.</summary>
    private async Task<T> Run<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return await operation(cancellationToken).ConfigureAwait(false);
    }

    private async Task Run(Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        await operation(cancellationToken).ConfigureAwait(false);
    }
}
