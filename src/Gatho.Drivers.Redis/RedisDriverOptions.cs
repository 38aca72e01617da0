using System.Globalization;
using Gatho.Drivers.Errors;
using StackExchange.Redis;

namespace Gatho.Drivers.Redis;

/// <summary>Settings of the <see cref="RedisDriver"/>.</summary>
public sealed class RedisDriverOptions
{
    /// <summary>Default <see cref="KeyPrefix"/>: <c>gatho</c> (keys look like <c>{gatho}:room:…</c>).</summary>
    public const string DefaultKeyPrefix = "gatho";

    /// <summary>Default <see cref="StaleServerAfter"/>: 30 seconds (gatho's <c>staleServerMs</c>).</summary>
    public static readonly TimeSpan DefaultStaleServerAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A StackExchange.Redis connection string, e.g. <c>redis1:6379,redis2:6379,password=…,ssl=true,abortConnect=false</c>
    /// (TLS, timeouts such as <c>connectTimeout</c>/<c>syncTimeout</c>/<c>asyncTimeout</c>, and retry settings are set
    /// there). Ignored when <see cref="Configuration"/> is set.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Full StackExchange.Redis settings (certificates, a custom socket manager…); wins over <see cref="ConnectionString"/>.</summary>
    public ConfigurationOptions? Configuration { get; set; }

    /// <summary>
    /// The hash tag every key lives under (<c>{prefix}:…</c>), so one deployment's keys share a Redis Cluster slot and
    /// several deployments can share one Redis. 1–64 characters of <c>[A-Za-z0-9_.:-]</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// How long after its last heartbeat a server counts as stale: its rooms drop out of listings and the leader may
    /// reap it. Must be positive and longer than the servers' heartbeat interval (three heartbeats is a good start).
    /// </summary>
    public TimeSpan StaleServerAfter { get; set; } = DefaultStaleServerAfter;

    /// <summary>
    /// How long the leader lease lasts without renewal. Default: <see cref="StaleServerAfter"/> (so a dead leader is
    /// replaced about when its own record goes stale). Must be longer than the servers' leader interval.
    /// </summary>
    public TimeSpan? LeaderLease { get; set; }

    /// <summary>
    /// How long a stale server is kept for the leader to reap and log before any driver call deletes it: default
    /// <see cref="StaleServerAfter"/>. This is what cleans up when no server is left to lead.
    /// </summary>
    public TimeSpan? StaleServerRetention { get; set; }

    /// <summary>Throws <see cref="DriverConfigException"/> naming the first unusable setting.</summary>
    /// <param name="requireConnection">False when the caller hands the driver an existing connection.</param>
    public void Validate(bool requireConnection = true)
    {
        if (requireConnection && Configuration is null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new DriverConfigException(nameof(ConnectionString), ConnectionString ?? "(null)", "set a Redis connection string or Configuration");
        }

        RedisKeyspaceCheck(KeyPrefix);
        RequirePositive(nameof(StaleServerAfter), StaleServerAfter);
        RequirePositive(nameof(LeaderLease), LeaderLease ?? StaleServerAfter);
        RequirePositive(nameof(StaleServerRetention), StaleServerRetention ?? StaleServerAfter);
    }

    private static void RedisKeyspaceCheck(string? prefix)
    {
        if (prefix is null || prefix.Length is 0 or > 64 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':'))
        {
            throw new DriverConfigException(nameof(KeyPrefix), prefix ?? "(null)", "must be 1 to 64 characters of A-Z a-z 0-9 _ - . :");
        }
    }

    private static void RequirePositive(string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > Validation.DriverLimits.MaxTtl || value.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new DriverConfigException(setting, value.ToString("c", CultureInfo.InvariantCulture), "must be a positive whole number of milliseconds");
        }
    }
}
