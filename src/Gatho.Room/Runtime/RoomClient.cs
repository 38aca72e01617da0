using Gatho.Protocol;
using Gatho.Protocol.Framing;
using Gatho.Room.Dispatch;
using Gatho.Room.Reconnection;
using Gatho.Room.Transport;

namespace Gatho.Room.Runtime;

/// <summary>
/// One client for its whole stay: the stable handle passed to every callback. Its session across sockets (outbox, v2
/// acks, reconnection window, resume) is a <see cref="ClientSession"/>; its handlers run through a
/// <see cref="ClientHandlerQueue"/>. State is touched only on the room thread; the verbs marshal themselves there when
/// called from elsewhere.
/// </summary>
internal sealed class RoomClient : IRoomClient
{
    private readonly RoomRuntime runtime;

    public RoomClient(RoomRuntime runtime, string id, object? data, IReadOnlyDictionary<string, string> tags, int protocolVersion, ClientSession.SessionLimits limits)
    {
        this.runtime = runtime;
        Session = new ClientSession(protocolVersion, limits);
        Handlers = new ClientHandlerQueue(work => runtime.RunHandler(this, work));
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
    internal IClientConnection? Connection => Session.Connection;

    /// <summary>The session across sockets: outbox, acks, reconnection window, resume.</summary>
    internal ClientSession Session { get; }

    /// <summary>v2: every reliable frame not yet acknowledged; v1: frames held while dropped.</summary>
    internal ReliableOutbox Outbox => Session.Outbox;

    /// <summary>This client's message handlers, run one at a time in arrival order.</summary>
    internal ClientHandlerQueue Handlers { get; }

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

    /// <summary>The socket is this client's now (the room reads its frames as this client's).</summary>
    internal void Attach(IClientConnection connection)
    {
        Session.Attach(connection);
        connection.Client = this;
    }
}
