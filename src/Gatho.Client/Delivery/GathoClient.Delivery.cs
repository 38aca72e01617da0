using Gatho.Client.Connection;
using Gatho.Client.Delivery;
using Gatho.Client.Threading;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;

namespace Gatho.Client;

/// <summary>Sending (buffering while not open, v2 retention until acked) and receiving (counting and acknowledging).</summary>
public sealed partial class GathoClient
{
    private ITimer? ackTimer;

    /// <summary>Reliable frames written again on a resume (diagnostics for tests and measurements).</summary>
    internal long ResentFrames { get; private set; }

    /// <summary>Reliable room frames received while resuming, i.e. replayed by the room (diagnostics).</summary>
    internal long ReplayedFrames { get; private set; }

    /// <summary>
    /// Sends text. Reliable (default): delivered in order — buffered while connecting or reconnecting and, in v2, kept
    /// until the room acknowledges it, so a resume neither loses nor repeats it. Unreliable: sent only while open
    /// (dropped otherwise), never replayed; v1 rooms receive it as an ordinary message.
    /// </summary>
    /// <returns>True when sent or buffered; false when dropped (unreliable while not open, client closed, or the buffer overflowed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="OutgoingMessageTooLargeException">This one message is larger than the room's limit or the whole buffer; nothing was sent and the session carries on.</exception>
    public bool Send(string text, bool reliable = true)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (!MaySend(reliable))
        {
            return false;
        }

        return Submit(CheckSize(OutboundFrame.ForText(FrameTypes.ForUser(text: true, reliable || !lossless), text), reliable), reliable);
    }

    /// <summary>Sends bytes; see <see cref="Send(string, bool)"/> for what reliable means. The bytes are copied.</summary>
    /// <returns>True when sent or buffered; false when dropped.</returns>
    /// <exception cref="OutgoingMessageTooLargeException">This one message is larger than the room's limit or the whole buffer; nothing was sent and the session carries on.</exception>
    public bool Send(ReadOnlySpan<byte> data, bool reliable = true)
    {
        if (!MaySend(reliable))
        {
            return false;
        }

        return Submit(CheckSize(OutboundFrame.ForBytes(FrameTypes.ForUser(text: false, reliable || !lossless), data), reliable), reliable);
    }

    /// <summary>
    /// One message that can never go out is refused on its own: over the room's limit the room would close the whole
    /// connection (1009), and over the buffer's size it would close this client with buffer-overflow though nothing
    /// else is wrong. Many small messages overflowing the buffer still close the client, as gatho.
    /// </summary>
    private OutboundFrame CheckSize(OutboundFrame frame, bool reliable)
    {
        if (frame.Length > options.MaxSendMessageBytes)
        {
            frame.Release();
            throw new OutgoingMessageTooLargeException(frame.Length, options.MaxSendMessageBytes, "the room's message limit (GathoClientOptions.MaxSendMessageBytes)");
        }

        // v1 holds a reliable message only while not open; v2 holds every one until the room acknowledges it.
        if (reliable && (lossless || state != ClientState.Open) && frame.Length > options.MaxBufferedBytes)
        {
            frame.Release();
            throw new OutgoingMessageTooLargeException(frame.Length, options.MaxBufferedBytes, "the client's outbound buffer (GathoClientOptions.MaxBufferedBytes)");
        }

        return frame;
    }

    /// <summary>Cheap early-out before encoding; <see cref="Submit"/> re-checks under the lock.</summary>
    private bool MaySend(bool reliable)
    {
        var now = state;
        return now != ClientState.Closed && (reliable || now == ClientState.Open);
    }

    private bool Submit(OutboundFrame frame, bool reliable)
    {
        lock (gate)
        {
            var live = state == ClientState.Open && !closeRequested ? current : null;
            if (state == ClientState.Closed || (closeRequested && state == ClientState.Open))
            {
                frame.Release();
                return false;
            }

            if (!reliable)
            {
                if (live is null)
                {
                    frame.Release();
                    return false;
                }

                live.Enqueue(frame);
                return true;
            }

            if (!lossless && live is not null)
            {
                // v1 keeps nothing once written: exactly gatho's "reliable".
                live.Enqueue(frame);
                return true;
            }

            if (!outbound.Add(frame))
            {
                EnterClosed(new ClientCloseInfo(CloseCodes.MessageTooBig, CloseReasons.OutboundBufferOverflow, CloseCause.BufferOverflow));
                return false;
            }

            if (live is not null)
            {
                frame.AddReference();
                live.Enqueue(frame);
                ExpectRoomAck();
            }

            return true;
        }
    }

    /// <summary>Writes every held frame, oldest first, to <paramref name="attempt"/>; v1 forgets them. Caller holds the lock.</summary>
    private void FlushOutbound(SocketAttempt attempt, bool resuming)
    {
        foreach (var frame in outbound)
        {
            ResentFrames += resuming ? 1 : 0;
            frame.AddReference();
            attempt.Enqueue(frame);
        }

        if (!lossless)
        {
            outbound.Clear();
        }
    }

    /// <summary>Counts and queues a message from the room; acknowledges at the thresholds. Caller holds the lock.</summary>
    private void OnUserMessage(SocketAttempt attempt, ClientMessage message, bool reliable, int wireBytes)
    {
        if (state == ClientState.Closed)
        {
            return;
        }

        if (state == ClientState.Open && ReferenceEquals(attempt, current))
        {
            RoomIsSending();
        }

        if (lossless && reliable)
        {
            ReplayedFrames += state == ClientState.Reconnecting ? 1 : 0;
            bool ackNow;
            try
            {
                ackNow = inbound.OnReliableFrame(wireBytes);
            }
            catch (ClientProtocolException error)
            {
                CloseForViolation(CloseCodes.ProtocolError, CloseReasons.ProtocolError, error);
                return;
            }

            // While resuming, replayed frames are acknowledged once the session is back (see OnSession).
            if (ackNow && state == ClientState.Open)
            {
                SendAck(attempt);
            }
        }

        events.Enqueue(new ClientEvent(ClientEventKind.Message, message: message));
    }

    private void SendAck(SocketAttempt attempt)
    {
        var seq = inbound.Report();
        attempt.Enqueue(OutboundFrame.ForEncoded(ProtocolMessageCodec.EncodeFrame(new AckMessage(seq))));
    }

    /// <summary>v2: a periodic tick that acknowledges whatever arrived since the last ack. Caller holds the lock.</summary>
    private void StartAckTimer()
    {
        if (!lossless || ackTimer is not null)
        {
            return;
        }

        var interval = options.Acks.Interval;
        ackTimer = time.CreateTimer(static s => ((GathoClient)s!).OnAckDue(), this, interval, interval);
    }

    private void OnAckDue()
    {
        lock (gate)
        {
            if (state == ClientState.Open && current is { } live && inbound.HasUnreported)
            {
                SendAck(live);
            }

            CheckRoomAckDeadline();
        }
    }
}
