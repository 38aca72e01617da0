namespace Gatho.Client;

/// <summary>
/// When and how often a dropped client tries to resume. Defaults are gatho's: delay = 1 s × 1.5ⁿ⁻¹ with ±50 % jitter
/// applied before the 10 s cap, at most 10 attempts, and the attempt counter resets once a connection has stayed open
/// for 5 s (or on a successful resume).
/// </summary>
public sealed class ReconnectionPolicy
{
    /// <summary>gatho's defaults.</summary>
    public static ReconnectionPolicy Default { get; } = new();

    /// <summary>Delay before the first attempt, before jitter. Default 1 s.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Each attempt's delay is the previous one's times this. Default 1.5.</summary>
    public double BackoffFactor { get; init; } = 1.5;

    /// <summary>
    /// Relative jitter: the delay is multiplied by a uniform factor in [1 − j, 1 + j). Default 0.5 (gatho's
    /// <c>0.5 + random()</c>). Applied before <see cref="MaxDelay"/>, as gatho does.
    /// </summary>
    public double Jitter { get; init; } = 0.5;

    /// <summary>Upper bound of any delay. Default 10 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before giving up with cause <see cref="CloseCause.ReconnectFailed"/>. Default 10; 0 never resumes.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>A connection open this long resets the attempt counter. Default 5 s.</summary>
    public TimeSpan MinUptime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Resume attempts in a row whose connection was refused (nothing listening on the room's port) after which the room
    /// is taken for gone and the client closes with <see cref="CloseCause.RoomGone"/> instead of spending the rest of
    /// <see cref="MaxAttempts"/>. Timeouts and resets do not count: they are retried as before. Default 3.
    /// </summary>
    public int RoomGoneAfterRefusals { get; init; } = 3;

    /// <summary>
    /// Longest delay before retrying after a refused connection (a refusal is answered at once, so waiting out the
    /// backoff only delays the verdict). Default 500 ms.
    /// </summary>
    public TimeSpan RefusedRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The delay before attempt number <paramref name="attempt"/> (1-based) given a uniform sample
    /// <paramref name="random"/> in [0, 1): min(InitialDelay × BackoffFactor^(attempt−1) × (1 − Jitter + 2·Jitter·random), MaxDelay).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is below 1 or <paramref name="random"/> outside [0, 1).</exception>
    public TimeSpan DelayFor(int attempt, double random)
    {
        if (attempt < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "attempts are numbered from 1");
        }

        if (!(random >= 0 && random < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(random), random, "the jitter sample must be in [0, 1)");
        }

        var ms = InitialDelay.TotalMilliseconds * Math.Pow(BackoffFactor, attempt - 1) * (1 - Jitter + (2 * Jitter * random));
        return ms >= MaxDelay.TotalMilliseconds ? MaxDelay : TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>Throws when a value makes no sense (the client calls this when it is created).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A delay is negative, the factor below 1, the jitter outside [0, 1] or the attempts negative.</exception>
    public void Validate()
    {
        if (InitialDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialDelay), InitialDelay, "must not be negative");
        }

        if (MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "must not be negative");
        }

        if (!(BackoffFactor >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffFactor), BackoffFactor, "must be at least 1");
        }

        if (!(Jitter >= 0 && Jitter <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "must be within [0, 1]");
        }

        if (MaxAttempts < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "must not be negative");
        }

        if (RoomGoneAfterRefusals < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RoomGoneAfterRefusals), RoomGoneAfterRefusals, "must be at least 1");
        }

        if (RefusedRetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RefusedRetryDelay), RefusedRetryDelay, "must not be negative");
        }

        if (MinUptime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MinUptime), MinUptime, "must not be negative");
        }
    }
}
