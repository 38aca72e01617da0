using Gatho.Room.Runtime;
using Gatho.Room.Transport;

namespace Gatho.Benchmarks;

/// <summary>A socket stand-in that only counts what it is handed, so a benchmark measures the room's own cost.</summary>
internal sealed class SinkConnection : IClientConnection
{
    public SinkConnection(int version)
    {
        ProtocolVersion = version;
    }

    public int ProtocolVersion { get; }

    public string Description => "sink";

    public long BufferedAmount => 0;

    public bool IsClosed => false;

    public RoomClient? Client { get; set; }

    public long Frames { get; private set; }

    public SendOutcome Send(byte[] frame, OutboundKind kind = OutboundKind.Reliable)
    {
        Frames++;
        return SendOutcome.Queued;
    }

    public void Admit()
    {
    }

    public void Close(int code, string reason)
    {
    }

    public void Abort()
    {
    }

    public void MessageProcessed()
    {
    }
}
