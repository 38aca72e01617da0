using System.Globalization;
using Gatho.Drivers.Errors;

namespace Gatho.Drivers.Memory;

/// <summary>Settings of the <see cref="MemoryDriver"/>.</summary>
public sealed class MemoryDriverOptions
{
    /// <summary>Default <see cref="StaleServerAfter"/>: 30 seconds (gatho's <c>staleServerMs</c>).</summary>
    public static readonly TimeSpan DefaultStaleServerAfter = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="PruneInterval"/>: 10 seconds (gatho's memory-driver prune).</summary>
    public static readonly TimeSpan DefaultPruneInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long after its last heartbeat a server counts as stale. Must be positive.</summary>
    public TimeSpan StaleServerAfter { get; set; } = DefaultStaleServerAfter;

    /// <summary>
    /// How often the background prune deletes stale servers (with their rooms and clients), lapsed requested rooms and
    /// lapsed reservations. Lapsed records are also hidden on every read in between. Must be positive.
    /// </summary>
    public TimeSpan PruneInterval { get; set; } = DefaultPruneInterval;

    /// <summary>Throws <see cref="DriverConfigException"/> naming the first unusable setting.</summary>
    public void Validate()
    {
        RequirePositive(nameof(StaleServerAfter), StaleServerAfter);
        RequirePositive(nameof(PruneInterval), PruneInterval);
    }

    private static void RequirePositive(string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
        {
            throw new DriverConfigException(setting, value.ToString("c", CultureInfo.InvariantCulture), "must be a positive duration");
        }
    }
}
