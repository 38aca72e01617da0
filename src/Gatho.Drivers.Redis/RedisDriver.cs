using Gatho.Drivers.Events;
using Gatho.Drivers.Model;
using Gatho.Drivers.Redis.Keys;
using Gatho.Drivers.Redis.Pushes;
using Gatho.Drivers.Redis.Records;
using Gatho.Drivers.Redis.Scripts;
using Gatho.Drivers.Validation;
using Gatho.Drivers.Waiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Gatho.Drivers.Redis;

/// <summary>
/// The networked driver over one Redis (or a Redis Cluster: every key shares one hash tag). Each change is one atomic
/// Lua script; pushes go over pub/sub carrying ids only; servers, requested rooms, reservations and the leader are
/// leases on the driver's clock (<see cref="TimeProvider"/>, so keep servers' clocks in sync with NTP) — a server whose
/// heartbeats stop drops out of every listing after <see cref="StaleServerAfter"/> with all its rooms, and is deleted by
/// the leader's reap or, with nobody left to lead, by the next call after its retention. Filters run inside Redis over
/// index sets. See docs/drivers.md for the key layout.
/// </summary>
public sealed partial class RedisDriver : IDriver
{
    private readonly IConnectionMultiplexer connection;
    private readonly bool ownsConnection;
    private readonly IDatabase database;
    private readonly RedisKeyspace keyspace;
    private readonly GathoScripts scripts = new();
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly RoomWaiter waiter;
    private readonly long staleMs;
    private readonly long retainMs;
    private readonly long leaderLeaseMs;
    private readonly Lock subscriptionsGate = new();
    private readonly HashSet<IAsyncDisposable> subscriptions = [];
    private volatile bool disposed;

    /// <summary>Connects with <see cref="RedisDriverOptions.ConnectionString"/> (or <see cref="RedisDriverOptions.Configuration"/>).</summary>
    /// <exception cref="Errors.DriverConfigException">An option is unusable.</exception>
    public RedisDriver(RedisDriverOptions options, TimeProvider? timeProvider = null, ILogger<RedisDriver>? logger = null)
        : this(Connect(options), ownsConnection: true, options, timeProvider, logger)
    {
    }

    /// <summary>Connects to <paramref name="connectionString"/> (StackExchange.Redis syntax: hosts, password, <c>ssl=true</c>, timeouts).</summary>
    /// <exception cref="Errors.DriverConfigException">The connection string or an option is unusable.</exception>
    public RedisDriver(string connectionString, RedisDriverOptions? options = null, TimeProvider? timeProvider = null, ILogger<RedisDriver>? logger = null)
        : this(WithConnectionString(connectionString, options), timeProvider, logger)
    {
    }

    /// <summary>Uses an existing connection, which the caller keeps owning (disposing the driver does not close it).</summary>
    /// <exception cref="Errors.DriverConfigException">An option is unusable.</exception>
    public RedisDriver(IConnectionMultiplexer connection, RedisDriverOptions? options = null, TimeProvider? timeProvider = null, ILogger<RedisDriver>? logger = null)
        : this(connection ?? throw new ArgumentNullException(nameof(connection)), ownsConnection: false, options ?? new RedisDriverOptions(), timeProvider, logger)
    {
    }

    private RedisDriver(IConnectionMultiplexer connection, bool ownsConnection, RedisDriverOptions options, TimeProvider? timeProvider, ILogger<RedisDriver>? logger)
    {
        options.Validate(requireConnection: false);
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        database = connection.GetDatabase();
        keyspace = new RedisKeyspace(options.KeyPrefix);
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger<RedisDriver>.Instance;
        StaleServerAfter = options.StaleServerAfter;
        staleMs = (long)options.StaleServerAfter.TotalMilliseconds;
        retainMs = (long)(options.StaleServerRetention ?? options.StaleServerAfter).TotalMilliseconds;
        leaderLeaseMs = (long)(options.LeaderLease ?? options.StaleServerAfter).TotalMilliseconds;
        waiter = new RoomWaiter(ReadRoomForWaitAsync, SubscribeRoomSignalsAsync, time, this.logger);
    }

    /// <inheritdoc />
    public bool IsLocal => false;

    /// <inheritdoc />
    public TimeSpan StaleServerAfter { get; }

    /// <summary>The hash tag every key of this deployment lives under, e.g. <c>{gatho}</c>.</summary>
    public string KeyTag => keyspace.Tag;

    /// <summary>How many times a script had to be re-sent after Redis answered <c>NOSCRIPT</c> (a restart or <c>SCRIPT FLUSH</c>).</summary>
    public int ScriptReloads => scripts.All.Sum(script => script.Loads);

    /// <summary>Ends every push subscription and, when the driver opened the connection, closes it. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        IAsyncDisposable[] open;
        lock (subscriptionsGate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            open = [.. subscriptions];
            subscriptions.Clear();
        }

        foreach (var subscription in open)
        {
            try
            {
                await subscription.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "closing a push subscription failed");
            }
        }

        if (ownsConnection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> SubscribeServerEventsAsync(string serverId, Func<ServerEvent, ValueTask> handler, CancellationToken cancellationToken = default)
    {
        DriverArguments.Id(serverId, nameof(serverId));
        ArgumentNullException.ThrowIfNull(handler);
        Begin(cancellationToken);
        var subscription = await ServerEventSubscription.StartAsync(connection, keyspace, serverId, handler, logger).WaitAsync(cancellationToken).ConfigureAwait(false);
        return Track(subscription);
    }

    /// <inheritdoc />
    public async Task<bool> TryAcquireLeaderAsync(string serverId, CancellationToken cancellationToken = default) =>
        (long)await RunAsync(scripts.Leader, ["acquire", DriverArguments.Id(serverId, nameof(serverId)), leaderLeaseMs], cancellationToken).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async Task<bool> RenewLeaderAsync(string serverId, CancellationToken cancellationToken = default) =>
        (long)await RunAsync(scripts.Leader, ["renew", DriverArguments.Id(serverId, nameof(serverId)), leaderLeaseMs], cancellationToken).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async Task ReleaseLeaderAsync(string serverId, CancellationToken cancellationToken = default) =>
        await RunAsync(scripts.Leader, ["release", DriverArguments.Id(serverId, nameof(serverId)), leaderLeaseMs], cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Runs one script with the common arguments (now, staleness, retention) in front of <paramref name="arguments"/>,
    /// turning a script's domain refusal into the driver's exception for <paramref name="subject"/>.
    /// </summary>
    private async Task<RedisResult> RunAsync(RedisScript script, RedisValue[] arguments, CancellationToken cancellationToken, string subject = "", int tagLimit = 0)
    {
        Begin(cancellationToken);
        var values = new RedisValue[3 + arguments.Length];
        values[0] = time.GetUtcNow().ToUnixTimeMilliseconds();
        values[1] = staleMs;
        values[2] = retainMs;
        arguments.CopyTo(values, 3);
        try
        {
            return await script.RunAsync(database, keyspace.ScriptKeys, values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (ScriptErrors.Translate(e, subject, tagLimit) is { } refusal)
        {
            throw refusal;
        }
    }

    private void Begin(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(disposed, this);
    }

    /// <summary>
    /// The waiter's read: a missing room whose failure reason is recorded fails the wait with that reason. The failure
    /// script records the reason and deletes the room atomically, so a poll can see the delete before the failed
    /// signal arrives on the subscriber connection; without this the caller would get a bare "room record removed".
    /// </summary>
    private async Task<RoomInfo?> ReadRoomForWaitAsync(string roomId, CancellationToken cancellationToken)
    {
        var room = await GetRoomAsync(roomId, cancellationToken).ConfigureAwait(false);
        if (room is null && (string?)await database.StringGetAsync(keyspace.RoomFailure(roomId)).WaitAsync(cancellationToken).ConfigureAwait(false) is { } reason)
        {
            throw new Errors.RoomFailedException(roomId, reason);
        }

        return room;
    }

    private async Task<IAsyncDisposable> SubscribeRoomSignalsAsync(string roomId, Action<RoomSignal> onSignal, CancellationToken cancellationToken)
    {
        Begin(cancellationToken);
        return Track(await RoomSignalSubscription.StartAsync(connection, keyspace, roomId, onSignal, logger, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Remembers an open subscription so disposal can end it; the returned handle forgets it again.</summary>
    private IAsyncDisposable Track(IAsyncDisposable subscription)
    {
        lock (subscriptionsGate)
        {
            if (!disposed)
            {
                subscriptions.Add(subscription);
                return new TrackedSubscription(this, subscription);
            }
        }

        _ = subscription.DisposeAsync().AsTask();
        throw new ObjectDisposedException(nameof(RedisDriver));
    }

    private static IConnectionMultiplexer Connect(RedisDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(requireConnection: true);
        ConfigurationOptions configuration;
        try
        {
            configuration = options.Configuration?.Clone() ?? ConfigurationOptions.Parse(options.ConnectionString!);
        }
        catch (ArgumentException e)
        {
            throw new Errors.DriverConfigException(nameof(options.ConnectionString), options.ConnectionString ?? "(null)", e.Message);
        }

        // A server or backend may start while Redis is down or restarting: connect in the background and keep retrying.
        configuration.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(configuration);
    }

    private static RedisDriverOptions WithConnectionString(string connectionString, RedisDriverOptions? options)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        options ??= new RedisDriverOptions();
        options.ConnectionString = connectionString;
        options.Configuration = null;
        return options;
    }

    private sealed class TrackedSubscription(RedisDriver owner, IAsyncDisposable inner) : IAsyncDisposable
    {
        private int disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1)
            {
                return;
            }

            lock (owner.subscriptionsGate)
            {
                owner.subscriptions.Remove(inner);
            }

            await inner.DisposeAsync().ConfigureAwait(false);
        }
    }
}
