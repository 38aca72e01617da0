using Gatho.Client.Delivery;
using Gatho.Client.Threading;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Messages;

namespace Gatho.Client;

/// <summary>Leaving on purpose and the one terminal transition every path goes through.</summary>
public sealed partial class GathoClient
{
    private bool closeRequested;
    private ITimer? closeTimer;

    /// <summary>
    /// Leaves the room and waits until the client is closed. Open: sends <c>leave</c> (after every message already sent)
    /// and closes 4000 <c>consented leave</c>, so the room runs <c>OnLeave</c> at once. Connecting or reconnecting: gives
    /// up the attempt (4000 <c>client closed during connect</c> / <c>client closed during reconnection</c>). Always ends
    /// with cause <see cref="CloseCause.Consented"/> unless the client had closed already.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for the room's close: the socket is aborted, the client still closes.</param>
    public async Task<ClientCloseInfo> CloseAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            switch (state)
            {
                case ClientState.Connecting:
                    closeRequested = true;
                    EnterClosed(new ClientCloseInfo(CloseCodes.Consented, CloseReasons.ClientClosedDuringConnect, CloseCause.Consented));
                    break;
                case ClientState.Reconnecting:
                    closeRequested = true;
                    EnterClosed(new ClientCloseInfo(CloseCodes.Consented, CloseReasons.ClientClosedDuringReconnection, CloseCause.Consented));
                    break;
                case ClientState.Open when !closeRequested:
                    closeRequested = true;
                    var live = current!;
                    live.Enqueue(OutboundFrame.ForEncoded(ProtocolMessageCodec.EncodeFrame(LeaveMessage.Instance)));
                    live.Shutdown(CloseCodes.Consented, CloseReasons.ConsentedLeave, options.CloseTimeout);
                    break;
                default:
                    break;
            }
        }

        if (cancellationToken.CanBeCanceled && !closed.Task.IsCompleted)
        {
            using (cancellationToken.Register(static s => ((GathoClient)s!).AbortCurrent("close cancelled"), this))
            {
                return await closed.Task.ConfigureAwait(false);
            }
        }

        return await closed.Task.ConfigureAwait(false);
    }

    private void AbortCurrent(string reason)
    {
        lock (gate)
        {
            current?.Abort(reason);
        }
    }

    /// <summary>
    /// The terminal transition: stop every timer, close the live socket (politely when it is connected — gatho left it
    /// open on a connect-time overflow, gap 2), drop what is buffered, raise <see cref="Closed"/> once. Caller holds the lock.
    /// </summary>
    private void EnterClosed(ClientCloseInfo info)
    {
        if (state == ClientState.Closed)
        {
            return;
        }

        state = ClientState.Closed;
        DisposeTimer(ref handshakeTimer);
        DisposeTimer(ref reconnectTimer);
        DisposeTimer(ref uptimeTimer);
        DisposeTimer(ref ackTimer);
        DisposeTimer(ref closeTimer);
        if (current is { } attempt)
        {
            current = null;
            if (attempt.IsConnected)
            {
                attempt.Shutdown(info.Code, info.Reason, options.CloseTimeout);
            }
            else
            {
                attempt.Abort(info.Reason);
            }
        }

        outbound.Clear();
        events.Enqueue(new ClientEvent(ClientEventKind.Closed, info));
        opened.TrySetResult(info);
        closed.TrySetResult(info);
    }
}
