using Gatho.Client.Delivery;
using Gatho.Client.Threading;

namespace Gatho.Client;

/// <summary>
/// What one client's connection attempts share and outlive them: its options and clock, the app's event queue, the
/// send path (what is held and where new frames go) and the count of the room's frames processed.
/// </summary>
internal sealed class ClientParts
{
    public ClientParts(GathoClientOptions options, EventQueue events)
    {
        Options = options;
        Events = events;
        Time = options.TimeProvider;
        Lossless = options.ProtocolVersion >= Gatho.Protocol.ProtocolVersions.V2;
        Send = new SendPath(options.MaxBufferedBytes, Lossless, Time);
        Inbound = new InboundAckTracker(options.Acks);
    }

    public GathoClientOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>Protocol v2: numbered frames, acks, lossless resume.</summary>
    public bool Lossless { get; }

    public EventQueue Events { get; }

    public SendPath Send { get; }

    public InboundAckTracker Inbound { get; }
}
