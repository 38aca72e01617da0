namespace Gatho.Room.Hosting;

/// <summary>Validates <see cref="RoomOptions"/> up front, naming the bad value.</summary>
internal static class OptionChecks
{
    public static void Validate(RoomOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxMessageBytes, nameof(options.MaxMessageBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBufferBytes, nameof(options.MaxBufferBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPendingInboundMessages, nameof(options.MaxPendingInboundMessages));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxOutboundBytes, nameof(options.MaxOutboundBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxUnreliableOutboundBytes, nameof(options.MaxUnreliableOutboundBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxConnections, nameof(options.MaxConnections));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxUnadmittedConnections, nameof(options.MaxUnadmittedConnections));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxHandshakingConnections, nameof(options.MaxHandshakingConnections));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxTimers, nameof(options.MaxTimers));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.HandshakeTimeout, TimeSpan.Zero, nameof(options.HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RefusalLogInterval, TimeSpan.Zero, nameof(options.RefusalLogInterval));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.AckEveryFrames, nameof(options.AckEveryFrames));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AckInterval, TimeSpan.Zero, nameof(options.AckInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.HeartbeatInterval, TimeSpan.Zero, nameof(options.HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.NotifyRedialGrace, TimeSpan.Zero, nameof(options.NotifyRedialGrace));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.KeepAliveInterval, TimeSpan.Zero, nameof(options.KeepAliveInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.KeepAliveTimeout, TimeSpan.Zero, nameof(options.KeepAliveTimeout));
        if (options.SeatTokenLeeway < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SeatTokenLeeway, $"{nameof(options.SeatTokenLeeway)} must not be negative");
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
    }
}
