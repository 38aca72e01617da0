using Gatho.Client.Connection;
using Gatho.Client.Threading;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;

namespace Gatho.Client;

/// <summary>Sockets and the room's protocol messages: dialling, <c>session</c>, <c>auth_error</c>, <c>ack</c>, bad frames.</summary>
public sealed partial class GathoClient
{
    private SocketAttempt? current;
    private ITimer? handshakeTimer;
    private string? sessionToken;
    private bool authErrorSeen;

    void IAttemptOwner.OnFrame(SocketAttempt attempt, ReadOnlySpan<byte> frame)
    {
        var error = FrameCodec.TryDecode(frame, options.ProtocolVersion, out var type, out var payload);
        if (error != FrameError.None)
        {
            Violate(attempt, $"the room sent a bad frame ({error}, {frame.Length} bytes)");
            return;
        }

        if (type == FrameType.Protocol)
        {
            if (!ProtocolMessageCodec.TryDecode(payload, out var message, out var reason))
            {
                Violate(attempt, $"the room sent a malformed protocol message: {reason}");
                return;
            }

            lock (gate)
            {
                if (attempt == current)
                {
                    OnProtocolMessage(attempt, message!);
                }
            }

            return;
        }

        // Decode here, on the receive loop and outside the lock, so neither the app's thread nor Send() waits for it.
        ClientMessage decoded;
        if (type.IsText())
        {
            if (!FrameCodec.TryDecodeText(payload, out var text))
            {
                Violate(attempt, "the room sent a text frame that is not UTF-8");
                return;
            }

            decoded = new ClientMessage(text, default, type.IsReliable());
        }
        else
        {
            decoded = new ClientMessage(null, payload.ToArray(), type.IsReliable());
        }

        lock (gate)
        {
            if (attempt == current)
            {
                OnUserMessage(attempt, decoded, type.IsReliable(), frame.Length);
            }
        }
    }

    void IAttemptOwner.OnViolation(SocketAttempt attempt, int code, string reason, Exception error)
    {
        lock (gate)
        {
            if (attempt == current)
            {
                CloseForViolation(code, reason, error);
            }
        }
    }

    void IAttemptOwner.OnClosed(SocketAttempt attempt, int code, string reason, Exception? error)
    {
        lock (gate)
        {
            if (attempt != current || state == ClientState.Closed)
            {
                return;
            }

            current = null;
            DisposeTimer(ref handshakeTimer);

            // Error is for faults; a reset, a refusal or a failed upgrade is the ordinary weather of a network and is
            // reported by Dropped or the close cause, with the exception attached there.
            if (error is not null && !closeRequested && !ConnectFailures.IsOrdinary(error))
            {
                events.Enqueue(new ClientEvent(ClientEventKind.Error, error));
            }

            var failure = error as RoomConnectException;
            var decision = CloseClassifier.Classify(state, code, reason, closeRequested, authErrorSeen, sessionToken is not null, failure);
            if (decision.Resume)
            {
                OnDrop(code, failure?.Message ?? reason, error, failure?.Kind == ConnectFailureKind.Refused);
            }
            else
            {
                EnterClosed(decision.ToInfo() with { HttpStatus = failure?.HttpStatus, Error = error });
            }
        }
    }

    /// <summary>Dials <paramref name="url"/> as the current attempt, bounded by the handshake timeout. Caller holds the lock.</summary>
    private void StartAttempt(string url)
    {
        authErrorSeen = false;
        var attempt = new SocketAttempt(options.Transport.CreateSocket(), this, options.MaxMessageBytes, time);
        current = attempt;
        handshakeTimer = time.CreateTimer(
            static s => ((SocketAttempt)s!).Abort("handshake timed out"),
            attempt,
            options.HandshakeTimeout,
            Timeout.InfiniteTimeSpan);
        attempt.Start(new Uri(url));
    }

    private void OnProtocolMessage(SocketAttempt attempt, ProtocolMessage message)
    {
        switch (message)
        {
            case SessionMessage session:
                OnSession(attempt, session);
                break;
            case AuthErrorMessage authError:
                OnAuthError(attempt, authError.Error);
                break;
            case AckMessage ack when lossless:
                if (outbound.Acknowledge(ack.Seq) is { } problem)
                {
                    CloseForViolation(CloseCodes.ProtocolError, CloseReasons.ProtocolError, new ClientProtocolException(problem));
                }
                else
                {
                    RestartRoomAckWait();
                }

                break;
            case AckMessage:
                CloseForViolation(CloseCodes.ProtocolError, CloseReasons.ProtocolError, new ClientProtocolException("the room sent an ack on a protocol v1 connection"));
                break;
            default:
                // leave is client → room only; like the room, ignore protocol messages that are not ours.
                break;
        }
    }

    private void OnSession(SocketAttempt attempt, SessionMessage session)
    {
        DisposeTimer(ref handshakeTimer);
        sessionToken = session.Token;
        switch (state)
        {
            case ClientState.Connecting:
                clientId = session.ClientId;
                state = ClientState.Open;
                MarkOpen();
                FlushOutbound(attempt, resuming: false);
                events.Enqueue(new ClientEvent(ClientEventKind.Opened));
                opened.TrySetResult(null);
                break;

            case ClientState.Reconnecting:
                // The room replayed its frames and sent ack{m} before this: what is still held goes out again, in
                // order, before anything sent from now on.
                clientId = session.ClientId;
                state = ClientState.Open;
                retryCount = 0;
                refusalsInARow = 0;
                MarkOpen();
                FlushOutbound(attempt, resuming: true);
                if (lossless && inbound.HasUnreported)
                {
                    SendAck(attempt);
                }

                events.Enqueue(new ClientEvent(ClientEventKind.Reconnected));
                break;

            default:
                // A fresh token on a live connection: keep it for the next resume.
                break;
        }
    }

    private void OnAuthError(SocketAttempt attempt, string error)
    {
        authErrorSeen = true;
        switch (state)
        {
            case ClientState.Connecting:
                // gatho: report it and stay connecting; the room's 4000 close that follows ends the client (cause auth).
                events.Enqueue(new ClientEvent(ClientEventKind.AuthError, error));
                break;
            case ClientState.Reconnecting:
                current = null;
                attempt.Abort(CloseReasons.SessionRejected);
                EnterClosed(new ClientCloseInfo(CloseCodes.Consented, CloseReasons.SessionRejected, CloseCause.Session));
                break;
            default:
                break;
        }
    }

    private void Violate(SocketAttempt attempt, string problem)
    {
        lock (gate)
        {
            if (attempt == current)
            {
                CloseForViolation(CloseCodes.ProtocolError, CloseReasons.ProtocolError, new ClientProtocolException(problem));
            }
        }
    }

    /// <summary>The room broke the protocol: resuming cannot be trusted, so close for good. Caller holds the lock.</summary>
    private void CloseForViolation(int code, string reason, Exception error)
    {
        events.Enqueue(new ClientEvent(ClientEventKind.Error, error));
        EnterClosed(new ClientCloseInfo(code, reason, CloseCause.ProtocolError));
    }

    private static void DisposeTimer(ref ITimer? timer)
    {
        timer?.Dispose();
        timer = null;
    }
}
