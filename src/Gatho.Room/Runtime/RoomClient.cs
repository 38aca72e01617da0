using Gatho.Protocol;
using Gatho.Protocol.Framing;
using Gatho.Room.Dispatch;
using Gatho.Room.Reconnection;
using Gatho.Room.Transport;

namespace Gatho.Room.Runtime;

/// <summary>
/// One client for its whole stay: the stable handle passed to every callback, plus the runtime's per-client state
/// (socket, reliable outbox, v2 counters, reconnection window). State is touched only on the room thread; the verbs
/// marshal themselves there when called from elsewhere.
/// </summary>
internal sealed class RoomClient : IRoomClient
{
    private readonly RoomRuntime runtime;
    private RoomTimer? window;

    public RoomClient(RoomRuntime runtime, string id, object? data, IReadOnlyDictionary<string, string> tags, int protocolVersion)
    {
        this.runtime = runtime;
        Id = id;
        Data = data;
        Tags = tags;
        ProtocolVersion = protocolVersion;
    }

    public string Id { get; }

    public object? Data { get; }

    public IReadOnlyDictionary<string, string> Tags { get; }

    public int ProtocolVersion { get; }

    public bool IsConnected => Connection is not null;

    public bool IsInRoom { get; internal set; } = true;

    public long BufferedAmount => Connection?.BufferedAmount ?? 0;

    /// <summary>The live socket, or null while dropped.</summary>
    internal IClientConnection? Connection { get; private set; }

    /// <summary>This client's message handlers, run one at a time in arrival order.</summary>
    internal ClientHandlerQueue Handlers { get; } = new();

    /// <summary>v2: every reliable frame not yet acknowledged; v1: frames held while dropped.</summary>
    internal ReliableOutbox Outbox { get; } = new();

    /// <summary>v2: highest client reliable frame processed (they are numbered from 1).</summary>
    internal uint InboundProcessed { get; set; }

    /// <summary>v2: the <see cref="InboundProcessed"/> value last acknowledged to the client.</summary>
    internal uint InboundAcked { get; set; }

    /// <summary>v2: bytes of client frames processed since the last ack.</summary>
    internal long InboundBytesSinceAck { get; set; }

    /// <summary>Counts drops, so an <c>OnDrop</c> that finishes late can tell whether its drop is still the current one.</summary>
    internal int DropGeneration { get; private set; }

    internal bool HasReconnectionWindow => window is not null;

    internal bool IsV2 => ProtocolVersion >= ProtocolVersions.V2;

    public void Send(string message, bool reliable = true)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        runtime.Deliver(this, FrameCodec.EncodeText(runtime.UserFrameType(text: true, reliable, IsV2), message), reliable);
    }

    public void Send(ReadOnlySpan<byte> message, bool reliable = true) =>
        runtime.Deliver(this, FrameCodec.Encode(runtime.UserFrameType(text: false, reliable, IsV2), message), reliable);

    public void Send(RoomMessage message)
    {
        if (message.IsText)
        {
            Send(message.Text!, message.IsReliable);
        }
        else
        {
            Send(message.Data.Span, message.IsReliable);
        }
    }

    public void AllowReconnection(TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "reconnection window must be positive");
        }

        runtime.OnRoomThread(() => runtime.AllowReconnection(this, window));
    }

    public void Disconnect() => runtime.OnRoomThread(() => runtime.Evict(this));

    public override string ToString() => $"client {Id}";

    internal void Attach(IClientConnection connection)
    {
        Connection = connection;
        connection.Client = this;
    }

    internal void Detach()
    {
        Connection = null;
        DropGeneration++;
    }

    internal void SetWindow(RoomTimer timer)
    {
        // Gatho gap 3: a second AllowReconnection replaces the first window instead of leaking a timer.
        window?.Dispose();
        window = timer;
    }

    internal void CancelWindow()
    {
        window?.Dispose();
        window = null;
    }
}
