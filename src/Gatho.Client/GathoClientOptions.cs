using Gatho.Client.Transport;
using Gatho.Protocol;

namespace Gatho.Client;

/// <summary>How a <see cref="GathoClient"/> connects, resumes, buffers and raises its events. Every default is gatho's.</summary>
public sealed class GathoClientOptions
{
    /// <summary>
    /// Wire protocol: <see cref="ProtocolVersions.V2"/> (default; lossless resume) or <see cref="ProtocolVersions.V1"/>
    /// for rooms that only speak gatho's protocol.
    /// </summary>
    public int ProtocolVersion { get; init; } = ProtocolVersions.Latest;

    /// <summary>Backoff, attempt limit and minimum uptime for resuming.</summary>
    public ReconnectionPolicy Reconnection { get; init; } = ReconnectionPolicy.Default;

    /// <summary>Protocol v2: when to acknowledge the room's reliable frames.</summary>
    public AckPolicy Acks { get; init; } = AckPolicy.Default;

    /// <summary>
    /// Limit, in wire bytes (frame type byte + payload), of reliable messages the client holds: sent while not open
    /// (both versions) and, in v2, sent but not yet acknowledged. Going over closes the client with 1009
    /// <c>outbound buffer overflow</c>, cause <see cref="CloseCause.BufferOverflow"/>. Default 1 MiB.
    /// </summary>
    public long MaxBufferedBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Largest message the client sends, in wire bytes: the room's limit (<c>RoomOptions.MaxMessageBytes</c>, 1 MiB by
    /// default; a room closes the whole connection with 1009 over it). <c>Send</c> refuses a larger message on its own
    /// with <see cref="OutgoingMessageTooLargeException"/>; the session carries on. Default 1 MiB.
    /// </summary>
    public int MaxSendMessageBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest message accepted from the room; a larger one closes the client with 1009. Default 16 MiB.</summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Longest time from dialling to the room's <c>session</c> message for one connection attempt. An attempt that takes
    /// longer (e.g. a blackholed path) is abandoned like a failed one. Default 10 s.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="GathoClient.CloseAsync"/> waits for the room's close before aborting the socket. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where events are raised. Default <see cref="ClientEventDispatcher.Background"/>.</summary>
    public ClientEventDispatcher Dispatcher { get; init; } = ClientEventDispatcher.Background;

    /// <summary>Sockets; default <see cref="WebSocketTransport"/>.</summary>
    public IClientTransport Transport { get; init; } = new WebSocketTransport();

#if NET8_0_OR_GREATER
    /// <summary>Clock for backoff, uptime, ack and timeout timers (inject a fake one in tests). Default system time. (Not on the netstandard2.1 build, which always uses the system clock.)</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
#else
    // netstandard2.1: the system clock, without Microsoft.Bcl.TimeProvider (see Polyfills/TimeProvider.cs).
    internal TimeProvider TimeProvider { get; init; } = TimeProvider.System;
#endif

    /// <summary>Uniform samples in [0, 1) for backoff jitter (inject a fixed sequence in tests). Default a shared <see cref="Random"/>.</summary>
    public Func<double>? JitterSource { get; init; }

    /// <summary>Throws when a value makes no sense (the client calls this when it is created).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    /// <exception cref="ArgumentNullException">A required object is null.</exception>
    public void Validate()
    {
        if (!ProtocolVersions.IsSupported(ProtocolVersion))
        {
            throw new ArgumentOutOfRangeException(nameof(ProtocolVersion), ProtocolVersion, $"supported versions are {ProtocolVersions.Minimum} to {ProtocolVersions.Latest}");
        }

        (Reconnection ?? throw new ArgumentNullException(nameof(Reconnection))).Validate();
        (Acks ?? throw new ArgumentNullException(nameof(Acks))).Validate();
        if (MaxBufferedBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBufferedBytes), MaxBufferedBytes, "must be positive");
        }

        if (MaxSendMessageBytes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSendMessageBytes), MaxSendMessageBytes, "must be at least 2 (a type byte and one payload byte)");
        }

        if (MaxMessageBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMessageBytes), MaxMessageBytes, "must be positive");
        }

        if (HandshakeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HandshakeTimeout), HandshakeTimeout, "must be positive");
        }

        if (CloseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CloseTimeout), CloseTimeout, "must be positive");
        }

        _ = Dispatcher ?? throw new ArgumentNullException(nameof(Dispatcher));
        _ = Transport ?? throw new ArgumentNullException(nameof(Transport));
        _ = TimeProvider ?? throw new ArgumentNullException(nameof(TimeProvider));
    }
}
