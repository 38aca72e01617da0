using Microsoft.Extensions.Logging;

namespace Gatho.Room.Transport;

/// <summary>
/// Logs refused upgrades without letting a flood of them flood the log: the first refusal of each interval is logged
/// at Information together with how many were refused (and only logged at Debug) since the previous one. Thread-safe.
/// </summary>
internal sealed class RefusalLog
{
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly TimeSpan interval;
    private readonly string roomId;
    private readonly object gate = new();
    private long windowStart;
    private bool started;
    private int suppressed;

    public RefusalLog(ILogger logger, TimeProvider time, TimeSpan interval, string roomId)
    {
        this.logger = logger;
        this.time = time;
        this.interval = interval;
        this.roomId = roomId;
    }

    /// <summary>Refusals counted but not logged at Information since the last line that was (for tests).</summary>
    public int Suppressed
    {
        get
        {
            lock (gate)
            {
                return suppressed;
            }
        }
    }

    public void Refused(int status, string? remote, string reason)
    {
        int before;
        lock (gate)
        {
            var now = time.GetTimestamp();
            if (started && time.GetElapsedTime(windowStart, now) < interval)
            {
                suppressed++;
                logger.LogDebug("room {RoomId}: refused upgrade from {Remote} with {Status}: {Reason}", roomId, remote, status, reason);
                return;
            }

            started = true;
            windowStart = now;
            before = suppressed;
            suppressed = 0;
        }

        logger.LogInformation(
            "room {RoomId}: refused upgrade from {Remote} with {Status}: {Reason} ({Suppressed} more refused since the last such line; at most one a {Interval})",
            roomId,
            remote,
            status,
            reason,
            before,
            interval);
    }
}
