namespace Gatho.Client;

/// <summary>
/// Protocol v2: when the client acknowledges the room's reliable frames. The room frees its replay buffer up to each
/// ack, so acks bound the room's memory. Defaults follow DESIGN D2: at least every second while new frames arrived, and
/// at once after 32 frames or 64 KiB since the last ack.
/// </summary>
public sealed class AckPolicy
{
    /// <summary>The defaults.</summary>
    public static AckPolicy Default { get; } = new();

    /// <summary>Longest time an unacknowledged frame waits for its ack. Default 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Ack at once when this many frames arrived since the last ack. Default 32.</summary>
    public int FrameThreshold { get; init; } = 32;

    /// <summary>Ack at once when this many wire bytes arrived since the last ack. Default 64 KiB.</summary>
    public int ByteThreshold { get; init; } = 64 * 1024;

    /// <summary>
    /// How long a reliable frame the client wrote may wait for the room's ack before the client takes the connection
    /// for dead, drops it and resumes on a new one (nothing is lost: the frame is still held and is resent). This is
    /// what notices a stalled path on runtimes whose WebSocket has no ping timeout (netstandard2.1, Unity); it works
    /// while the client sends, which a game client does. It must stay well above the room's ack interval (1 s by
    /// default) plus the longest the room may be busy. The wait restarts whenever a user frame arrives from the room, so a
    /// client far behind in reading a busy room's data (whose ack waits behind it) is not judged dead. Default 10 s; <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan RoomAckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws when a value makes no sense.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval or a threshold is not positive, or the room ack timeout is neither positive nor infinite.</exception>
    public void Validate()
    {
        if (RoomAckTimeout <= TimeSpan.Zero && RoomAckTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(RoomAckTimeout), RoomAckTimeout, "must be positive, or Timeout.InfiniteTimeSpan to turn it off");
        }

        if (Interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "must be positive");
        }

        if (FrameThreshold < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FrameThreshold), FrameThreshold, "must be at least 1");
        }

        if (ByteThreshold < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ByteThreshold), ByteThreshold, "must be at least 1");
        }
    }
}
