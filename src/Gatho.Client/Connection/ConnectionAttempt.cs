using Gatho.Client.Delivery;
using Gatho.Client.Reconnection;
using Gatho.Client.Threading;
using Gatho.Client.Transport;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;

namespace Gatho.Client.Connection;

/// <summary>How one attempt's socket ended: the close code and reason, and the error behind it, if any.</summary>
internal readonly record struct AttemptEnd(int Code, string Reason, Exception? Error, bool AuthErrorSeen);

/// <summary>
/// One connection attempt — the first connect or one resume — and everything that lives as long as its socket: the
/// socket, its handshake deadline, its receive loop and its send path (<see cref="AttemptWriter"/>). A socket is never
/// reused: a resume is a new attempt, started by the <see cref="ReconnectLoop"/> once this one has ended.
/// </summary>
/// <remarks>
/// The receive loop decodes each frame and hands user messages to the app's event queue itself, counting v2 frames in
/// the client's <see cref="InboundAckTracker"/> (single writer: this loop). It takes no lock per frame; only protocol
/// messages (<c>session</c>, <c>auth_error</c>, the room's <c>ack</c>) reach the reconnect loop or the send path.
/// </remarks>
internal sealed class ConnectionAttempt
{
    private readonly IClientSocket socket;
    private readonly ReconnectLoop owner;
    private readonly ClientParts parts;
    private readonly bool resuming;
    private readonly bool restarting;
    private readonly CancellationTokenSource stop = new();
    private readonly AttemptWriter writer;
    private string? abortReason;
    private ITimer? handshakeTimer;
    private ITimer? shutdownTimer;
    private volatile bool retired;
    private volatile bool connected;

    // Receive loop only.
    private bool established;
    private bool authErrorSeen;

    /// <param name="socket">The attempt's own socket.</param>
    /// <param name="owner">The loop that started it and hears its protocol messages.</param>
    /// <param name="parts">What the client's attempts share.</param>
    /// <param name="resuming">A resume: frames before <c>session</c> are the room's replay.</param>
    /// <param name="restarting">A resume from a persisted session in a new process: the room's <c>ack{m}</c> before <c>session</c> says where this process's numbering continues.</param>
    public ConnectionAttempt(IClientSocket socket, ReconnectLoop owner, ClientParts parts, bool resuming, bool restarting = false)
    {
        this.socket = socket;
        this.owner = owner;
        this.parts = parts;
        this.resuming = resuming;
        this.restarting = restarting;
        writer = new AttemptWriter(socket, Abort, stop.Token);
    }

    /// <summary>The upgrade completed (the room may still refuse the seat or session).</summary>
    public bool IsConnected => connected;

    /// <summary>Dials <paramref name="uri"/> and runs the receive loop until the socket is gone. Never throws.</summary>
    public async Task<AttemptEnd> RunAsync(Uri uri)
    {
        handshakeTimer = parts.Time.CreateTimer(
            static s => ((ConnectionAttempt)s!).Abort("handshake timed out"),
            this,
            parts.Options.HandshakeTimeout,
            Timeout.InfiniteTimeSpan);
        try
        {
            await socket.ConnectAsync(uri, stop.Token).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // A custom transport's raw exception is classified here as WebSocketTransport's is (refused, DNS, HTTP…).
            return Finish(CloseCodes.Abnormal, string.Empty, ConnectFailures.Describe(error, uri) ?? error);
        }

        connected = true;
        writer.Start();
        using var buffer = new MessageBuffer();
        try
        {
            while (true)
            {
                buffer.Clear();
                var result = await socket.ReceiveAsync(buffer, parts.Options.MaxMessageBytes, stop.Token).ConfigureAwait(false);
                switch (result.Kind)
                {
                    case SocketMessageKind.Close:
                        return Finish(result.CloseCode, result.CloseReason, null);
                    case SocketMessageKind.Binary:
                        OnFrame(buffer.Span);
                        break;
                    default:
                        // gatho's client ignores text-opcode messages: every Gatho frame is binary.
                        break;
                }
            }
        }
        catch (MessageTooLargeException error)
        {
            owner.Violate(this, CloseCodes.MessageTooBig, CloseReasons.MessageTooBig, error);
            return Finish(CloseCodes.MessageTooBig, CloseReasons.MessageTooBig, null);
        }
        catch (Exception error)
        {
            return Finish(CloseCodes.Abnormal, string.Empty, error);
        }
    }

    /// <summary>Queues <paramref name="frame"/> for sending; the attempt takes over one reference to it.</summary>
    public void Enqueue(OutboundFrame frame) => writer.Enqueue(frame);

    /// <summary>Queues <c>ack{seq}</c>.</summary>
    public void EnqueueAck(uint seq) => writer.EnqueueAck(seq);

    /// <summary>The reconnect loop let go of this attempt: what it still receives is not delivered.</summary>
    public void Retire() => retired = true;

    /// <summary>Closes politely (close frame after queued frames) and aborts if the room has not closed within <paramref name="timeout"/>.</summary>
    public void Shutdown(int code, string reason, TimeSpan timeout)
    {
        writer.EnqueueClose(code, reason);
        shutdownTimer = parts.Time.CreateTimer(static state => ((ConnectionAttempt)state!).Abort("close timed out"), this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Tears the socket down now; <see cref="RunAsync"/> then ends with 1006 and <paramref name="reason"/>.</summary>
    public void Abort(string reason)
    {
        Interlocked.CompareExchange(ref abortReason, reason, null);
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }

        socket.Abort();
    }

    private void OnFrame(ReadOnlySpan<byte> frame)
    {
        var error = FrameCodec.TryDecode(frame, parts.Options.ProtocolVersion, out var type, out var payload);
        if (error != FrameError.None)
        {
            owner.Violate(this, $"the room sent a bad frame ({error}, {frame.Length} bytes)");
            return;
        }

        if (type == FrameType.Protocol)
        {
            if (!ProtocolMessageCodec.TryDecode(payload, out var message, out var reason))
            {
                owner.Violate(this, $"the room sent a malformed protocol message: {reason}");
                return;
            }

            OnProtocolMessage(message!);
            return;
        }

        if (retired)
        {
            return;
        }

        ClientMessage decoded;
        if (type.IsText())
        {
            if (!FrameCodec.TryDecodeText(payload, out var text))
            {
                owner.Violate(this, "the room sent a text frame that is not UTF-8");
                return;
            }

            decoded = new ClientMessage(text, default, type.IsReliable());
        }
        else
        {
            decoded = new ClientMessage(null, payload.ToArray(), type.IsReliable());
        }

        if (established)
        {
            parts.Send.RoomIsSending();
        }

        if (parts.Lossless && type.IsReliable() && !CountReliable(frame.Length))
        {
            return;
        }

        parts.Events.Enqueue(new ClientEvent(ClientEventKind.Message, message: decoded));
    }

    /// <summary>Numbers one reliable room frame and acknowledges at the thresholds; false when the session cannot go on.</summary>
    private bool CountReliable(int wireBytes)
    {
        bool ackNow;
        try
        {
            ackNow = parts.Inbound.OnReliableFrame(wireBytes);
        }
        catch (ClientProtocolException error)
        {
            owner.Violate(this, CloseCodes.ProtocolError, CloseReasons.ProtocolError, error);
            return false;
        }

        if (!established)
        {
            // While resuming, replayed frames are acknowledged once the session is back (ReconnectLoop.OnSession).
            if (resuming)
            {
                parts.Inbound.CountReplayed();
            }
        }
        else if (ackNow)
        {
            writer.EnqueueAck(parts.Inbound.Report());
        }

        return true;
    }

    private void OnProtocolMessage(ProtocolMessage message)
    {
        switch (message)
        {
            case SessionMessage session:
                // The handshake is over whatever the owner decides: a retired attempt is being torn down anyway.
                handshakeTimer?.Dispose();
                established = owner.OnSession(this, session) || established;

                break;
            case AuthErrorMessage authError:
                authErrorSeen = true;
                owner.OnAuthError(this, authError.Error);
                break;
            case AckMessage ack when parts.Lossless && restarting && !established:
                parts.Send.ContinueNumberingAfter(ack.Seq);
                break;
            case AckMessage ack when parts.Lossless:
                if (!retired && parts.Send.Acknowledge(ack.Seq) is { } problem)
                {
                    owner.Violate(this, problem);
                }

                break;
            case AckMessage:
                owner.Violate(this, "the room sent an ack on a protocol v1 connection");
                break;
            default:
                // leave is client → room only; like the room, ignore protocol messages that are not ours.
                break;
        }
    }

    private AttemptEnd Finish(int code, string reason, Exception? error)
    {
        handshakeTimer?.Dispose();
        shutdownTimer?.Dispose();
        var aborted = Volatile.Read(ref abortReason);
        var end = aborted is not null && code == CloseCodes.Abnormal
            ? new AttemptEnd(code, aborted, null, authErrorSeen) // our own abort: report why, not the cancellation it caused
            : new AttemptEnd(code, reason, error, authErrorSeen);
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        socket.Dispose();
        writer.Finish();
        return end;
    }
}
