namespace Gatho.Room.Hosting;

/// <summary>Validates <see cref="RoomOptions"/> up front, naming the bad value.</summary>
internal static class OptionChecks
{
    public static void Validate(RoomOptions options)
    {
        Positive(options.MaxMessageBytes, nameof(options.MaxMessageBytes));
        Positive(options.MaxBufferBytes, nameof(options.MaxBufferBytes));
        Positive(options.MaxPendingInboundMessages, nameof(options.MaxPendingInboundMessages));
        Positive(options.AckEveryFrames, nameof(options.AckEveryFrames));
        Positive(options.AckInterval, nameof(options.AckInterval));
        Positive(options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        Positive(options.NotifyRedialGrace, nameof(options.NotifyRedialGrace));
        Positive(options.KeepAliveInterval, nameof(options.KeepAliveInterval));
        Positive(options.KeepAliveTimeout, nameof(options.KeepAliveTimeout));
        if (options.SeatTokenLeeway < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SeatTokenLeeway, $"{nameof(options.SeatTokenLeeway)} must not be negative");
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }
}
