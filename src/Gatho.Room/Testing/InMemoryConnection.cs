using Gatho.Room.Runtime;
using Gatho.Room.Transport;

namespace Gatho.Room.Testing;

/// <summary>An <see cref="IClientConnection"/> that hands frames straight to a <see cref="TestClient"/>.</summary>
internal sealed class InMemoryConnection : IClientConnection
{
    private readonly TestClient owner;
    private readonly RoomRuntime runtime;
    private bool closed;

    public InMemoryConnection(TestClient owner, RoomRuntime runtime, int protocolVersion)
    {
        this.owner = owner;
        this.runtime = runtime;
        ProtocolVersion = protocolVersion;
    }

    public int ProtocolVersion { get; }

    public string Description => "in-memory";

    public long BufferedAmount => 0;

    public bool IsClosed => closed;

    public RoomClient? Client { get; set; }

    /// <summary>Every frame this connection was handed, in order (tests check that broadcasts share one array).</summary>
    public List<byte[]> Sent { get; } = new();

    /// <summary>Inbound messages the room finished with (their handlers completed).</summary>
    public int MessagesProcessed { get; private set; }

    public bool IsAdmitted { get; private set; }

    public SendOutcome Send(byte[] frame, OutboundKind kind = OutboundKind.Reliable)
    {
        if (closed)
        {
            return SendOutcome.Closed;
        }

        Sent.Add(frame);
        owner.OnFrame(frame);
        return SendOutcome.Queued;
    }

    public void Admit() => IsAdmitted = true;

    public void Close(int code, string reason)
    {
        if (closed)
        {
            return;
        }

        closed = true;
        owner.OnClose(code, reason);

        // As a real socket: the close comes back to the room as an event, which it ignores for a detached client.
        runtime.EnqueueClosed(this, code);
    }

    public void Abort() => closed = true;

    public void MessageProcessed() => MessagesProcessed++;

    internal void MarkClosed() => closed = true;
}
