using Gatho.Client.Transport;

namespace Gatho.LoadTest.Connections;

/// <summary>
/// The client's default WebSocket transport, remembering its latest socket so a churn scenario can cut it (abort: no close
/// handshake, as a dead network would) and watch the client resume.
/// </summary>
internal sealed class CuttableTransport : IClientTransport
{
    private readonly WebSocketTransport inner = new();
    private volatile IClientSocket? current;

    public IClientSocket CreateSocket()
    {
        var socket = inner.CreateSocket();
        current = socket;
        return socket;
    }

    public void Cut() => current?.Abort();
}
