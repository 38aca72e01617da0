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

    /// <summary>Throws when a value makes no sense.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval or a threshold is not positive.</exception>
    public void Validate()
    {
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
