using System.Globalization;
using System.Text.RegularExpressions;
using Gatho.Drivers.Errors;

namespace Gatho.Drivers.Postgres;

/// <summary>Settings of the <see cref="PostgresDriver"/>.</summary>
public sealed partial class PostgresDriverOptions
{
    /// <summary>Default <see cref="Schema"/>: <c>gatho</c>.</summary>
    public const string DefaultSchema = "gatho";

    /// <summary>Default <see cref="StaleServerAfter"/>: 30 seconds (gatho's <c>staleServerMs</c>).</summary>
    public static readonly TimeSpan DefaultStaleServerAfter = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="LeaderLease"/>: 30 seconds, three of the server's 10-second leader ticks.</summary>
    public static readonly TimeSpan DefaultLeaderLease = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="EventRetention"/>: 10 minutes.</summary>
    public static readonly TimeSpan DefaultEventRetention = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The connection string (Npgsql syntax). Used when the driver is built from options; ignored when an
    /// <see cref="Npgsql.NpgsqlDataSource"/> is handed in.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The PostgreSQL schema that holds the driver's tables: 1–40 characters of <c>[a-z0-9_]</c>, starting with a letter
    /// or <c>_</c>. Clusters that must not see each other use different schemas in one database; the notification
    /// channels are named after it too (<c>&lt;schema&gt;.events</c>, <c>&lt;schema&gt;.signals</c>).
    /// </summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>How long after its last heartbeat (database time) a server counts as stale. Must be positive.</summary>
    public TimeSpan StaleServerAfter { get; set; } = DefaultStaleServerAfter;

    /// <summary>
    /// How long a granted or renewed leadership lasts (database time). Must be longer than the servers'
    /// <c>LeaderInterval</c>, or leadership lapses between renewals.
    /// </summary>
    public TimeSpan LeaderLease { get; set; } = DefaultLeaderLease;

    /// <summary>
    /// How long pushed server events and room failure reasons are kept for a listener that reconnects to catch up
    /// on; the leader deletes older ones. Must be positive.
    /// </summary>
    public TimeSpan EventRetention { get; set; } = DefaultEventRetention;

    /// <summary>
    /// True (default): a schema created by an older version of this driver is migrated forward on first use, under
    /// an advisory lock. False: an older schema is an error (for deployments where migrations are run on purpose).
    /// A newer schema is always an error.
    /// </summary>
    public bool MigrateSchema { get; set; } = true;

    /// <summary>How long the notification listener waits before reconnecting after its connection dropped (doubling up to <see cref="ListenerMaxReconnectDelay"/>).</summary>
    public TimeSpan ListenerReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest wait between listener reconnect attempts.</summary>
    public TimeSpan ListenerMaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the idle listener connection goes without traffic before it is probed, so a dead connection is noticed.</summary>
    public TimeSpan ListenerProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="DriverConfigException"/> naming the first unusable setting.</summary>
    public void Validate()
    {
        if (Schema is null || !SchemaName().IsMatch(Schema))
        {
            throw new DriverConfigException(nameof(Schema), Schema ?? "(null)", "must be 1 to 40 characters of a-z 0-9 _, starting with a letter or _");
        }

        RequirePositive(nameof(StaleServerAfter), StaleServerAfter);
        RequirePositive(nameof(LeaderLease), LeaderLease);
        RequirePositive(nameof(EventRetention), EventRetention);
        RequirePositive(nameof(ListenerReconnectDelay), ListenerReconnectDelay);
        RequirePositive(nameof(ListenerMaxReconnectDelay), ListenerMaxReconnectDelay);
        RequirePositive(nameof(ListenerProbeInterval), ListenerProbeInterval);
    }

    /// <summary>A copy, so later changes to the caller's instance do not reach a running driver.</summary>
    internal PostgresDriverOptions Clone() => (PostgresDriverOptions)MemberwiseClone();

    private static void RequirePositive(string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan || value > TimeSpan.FromDays(365))
        {
            throw new DriverConfigException(setting, value.ToString("c", CultureInfo.InvariantCulture), "must be a positive duration of at most 365 days");
        }
    }

    // 40 characters leaves room for ".signals" within PostgreSQL's 63-byte identifier limit (channel names).
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
