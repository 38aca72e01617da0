using System.Diagnostics;
using Gatho.Client.Connection;
using Gatho.Client.Delivery;
using Gatho.Client.Reconnection;
using Gatho.Client.Threading;
using Gatho.Protocol;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Urls;

namespace Gatho.Client;

/// <summary>
/// A connection to one room from a seat URL, gatho's client for .NET: it opens on the room's <c>session</c> message,
/// buffers reliable messages while it is not open, resumes by itself after a drop, and — with protocol v2, the default —
/// keeps every reliable message until the room acknowledges it, so a resume loses and duplicates nothing in either
/// direction. Safe to use from any thread; events are raised one at a time through
/// <see cref="GathoClientOptions.Dispatcher"/>.
/// </summary>
/// <example>
/// <code>
/// await using var client = new GathoClient(seatUrl);
/// client.MessageReceived += message => Console.WriteLine(message.Text);
/// await client.ConnectAsync();
/// client.Send("hello");
/// </code>
/// </example>
public sealed class GathoClient : IAsyncDisposable
{
    private readonly GathoClientOptions options;
    private readonly EventQueue events;
    private readonly ClientParts parts;
    private readonly ReconnectLoop loop;

    /// <summary>Creates a client for <paramref name="seatUrl"/> (from your backend's join call). Nothing is dialled until <see cref="Connect"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="seatUrl"/> cannot be a room's: not an absolute <c>ws://</c> or <c>wss://</c> URL with a host, or it has a fragment.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public GathoClient(string seatUrl, GathoClientOptions? options = null)
    {
        this.options = options ?? new GathoClientOptions();
        this.options.Validate();

        // Validates the URL now, so a typo fails here and not on a pool thread later.
        RoomUrl.Validate(seatUrl);
        _ = SeatUrl.ForConnect(seatUrl, this.options.ProtocolVersion);
        events = new EventQueue(this.options.Dispatcher, Raise);
        parts = new ClientParts(this.options, events);
        loop = new ReconnectLoop(parts, seatUrl, this.options.JitterSource ?? SharedJitter);
    }

    /// <summary>
    /// Creates a client that resumes <paramref name="session"/>, persisted by an earlier process of this app (see
    /// <see cref="Session"/>), instead of joining with a seat. <see cref="ConnectAsync"/> then gets the same seat back
    /// within the room's reconnection window: the same <see cref="ClientId"/>, and the room replays every message this
    /// client had not acknowledged (messages sent while the app was not running among them, each exactly once; the
    /// last ones the old process received may come again, since it had not acknowledged them yet). What the old
    /// process sent but the room had not received is gone with it: this client starts with nothing unacknowledged.
    /// After the window, or once the session was used up, the room refuses: the client closes with
    /// <see cref="CloseCause.Session"/> (<see cref="ConnectAsync"/> throws <see cref="ClientClosedException"/>); get a
    /// new seat from your backend.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
    /// <exception cref="ArgumentException">The options ask for another protocol version than the session's.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public GathoClient(GathoSession session, GathoClientOptions? options = null)
    {
        if (session is null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        this.options = options ?? new GathoClientOptions();
        this.options.Validate();
        if (this.options.ProtocolVersion != session.ProtocolVersion)
        {
            throw new ArgumentException(
                $"the session was persisted by a protocol v{session.ProtocolVersion} client; GathoClientOptions.ProtocolVersion is {this.options.ProtocolVersion}",
                nameof(options));
        }

        events = new EventQueue(this.options.Dispatcher, Raise);
        parts = new ClientParts(this.options, events);
        loop = new ReconnectLoop(parts, session.RoomUrl, this.options.JitterSource ?? SharedJitter, session);
    }

    /// <summary>The room's session is established (raised once, after the connect-time buffer was flushed).</summary>
    public event Action? Opened;

    /// <summary>A message from the room.</summary>
    public event Action<ClientMessage>? MessageReceived;

    /// <summary>An open connection dropped; the client is resuming (<see cref="State"/> is <see cref="ClientState.Reconnecting"/>).</summary>
    public event Action<ClientDrop>? Dropped;

    /// <summary>The session resumed; in v2 everything in flight at the drop has been replayed in both directions.</summary>
    public event Action? Reconnected;

    /// <summary>The room refused the seat on the first connect (<c>auth_error</c>); <see cref="Closed"/> with cause <see cref="CloseCause.Auth"/> follows.</summary>
    public event Action<string>? AuthError;

    /// <summary>
    /// Protocol v2: the room issued a session token, on open and after every resume (tokens rotate, so an earlier value
    /// stops working). Persist the value if the app may restart and should get the seat back; see <see cref="GathoSession"/>
    /// for what it grants.
    /// </summary>
    public event Action<GathoSession>? SessionChanged;

    /// <summary>The client closed for good (raised once; always the last event).</summary>
    public event Action<ClientCloseInfo>? Closed;

    /// <summary>
    /// Something went wrong that the client handled: a socket error, a protocol violation by the room, or an exception
    /// thrown by one of your handlers (handlers never take the client down).
    /// </summary>
    public event Action<Exception>? Error;

    /// <summary>The protocol version this client speaks (<c>gv</c>).</summary>
    public int ProtocolVersion => options.ProtocolVersion;

    /// <summary>Where the client is in its life.</summary>
    public ClientState State => loop.State;

    /// <summary>The client's id in the room; null until the room's first <c>session</c> message.</summary>
    public string? ClientId => loop.ClientId;

    /// <summary>
    /// Protocol v2: this client's session as the room issued it last, to persist (<see cref="GathoSession.ToString"/>) and
    /// resume in a new process with <see cref="GathoClient(GathoSession, GathoClientOptions?)"/>; null before the room's
    /// first <c>session</c> message and with protocol v1. A bearer credential: see <see cref="GathoSession"/>.
    /// </summary>
    public GathoSession? Session => loop.Session;

    /// <summary>Wire bytes of reliable messages held (waiting to be sent, or in v2 waiting for the room's ack).</summary>
    public long BufferedBytes => parts.Send.Bytes;

    /// <summary>Completes with how the client closed, once it has.</summary>
    public Task<ClientCloseInfo> Completion => loop.Completion;

    /// <summary>Starts dialling the room and returns at once; <see cref="Opened"/> (or <see cref="Closed"/>) tells the outcome.</summary>
    /// <exception cref="InvalidOperationException">The client was started already.</exception>
    public void Connect() => loop.Start();

    /// <summary>Starts dialling and completes once the client is open.</summary>
    /// <exception cref="ClientClosedException">The client closed before it opened (auth refused, room unreachable…).</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> fired before the client opened: the attempt is given up and the client is
    /// closed (4000 <c>connect cancelled</c>, cause <see cref="CloseCause.Cancelled"/>), as SignalR's <c>StartAsync</c>.
    /// </exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Connect();
        ClientCloseInfo? outcome;
        try
        {
            outcome = await WaitAsync(loop.Opened, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (loop.CancelConnect(new ClientCloseInfo(CloseCodes.Consented, ConnectCancelledReason, CloseCause.Cancelled)))
            {
                throw;
            }

            // Opened (or closed) just as the token fired: report what happened, not the cancellation.
            outcome = await loop.Opened.ConfigureAwait(false);
        }

        if (outcome is not null)
        {
            throw new ClientClosedException(outcome);
        }
    }

    /// <summary>The reason text of a <see cref="CloseCause.Cancelled"/> close.</summary>
    internal const string ConnectCancelledReason = "connect cancelled";

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

        return Submit(CheckSize(OutboundFrame.ForText(FrameTypes.ForUser(text: true, reliable || !parts.Lossless), text), reliable), reliable);
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

        return Submit(CheckSize(OutboundFrame.ForBytes(FrameTypes.ForUser(text: false, reliable || !parts.Lossless), data), reliable), reliable);
    }

    /// <summary>
    /// Leaves the room and waits until the client is closed. Open: sends <c>leave</c> (after every message already sent)
    /// and closes 4000 <c>consented leave</c>, so the room runs <c>OnLeave</c> at once. Connecting or reconnecting: gives
    /// up the attempt (4000 <c>client closed during connect</c> / <c>client closed during reconnection</c>). Always ends
    /// with cause <see cref="CloseCause.Consented"/> unless the client had closed already.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for the room's close: the socket is aborted, the client still closes.</param>
    public async Task<ClientCloseInfo> CloseAsync(CancellationToken cancellationToken = default)
    {
        loop.RequestClose();
        if (cancellationToken.CanBeCanceled && !loop.Completion.IsCompleted)
        {
            using (cancellationToken.Register(static s => ((ReconnectLoop)s!).AbortCurrent("close cancelled"), loop))
            {
                return await loop.Completion.ConfigureAwait(false);
            }
        }

        return await loop.Completion.ConfigureAwait(false);
    }

    /// <summary>Test hook: raised with each resume delay once it is scheduled.</summary>
    internal event Action<int, TimeSpan>? ReconnectScheduled
    {
        add => loop.ReconnectScheduled += value;
        remove => loop.ReconnectScheduled -= value;
    }

    /// <summary>Reliable frames written again on a resume (diagnostics for tests and measurements).</summary>
    internal long ResentFrames => parts.Send.ResentFrames;

    /// <summary>Reliable room frames received while resuming, i.e. replayed by the room (diagnostics).</summary>
    internal long ReplayedFrames => parts.Inbound.Replayed;

    /// <summary>
    /// With <see cref="ClientEventDispatcher.Manual"/>: raises every event queued so far, on the calling thread, and
    /// returns how many. Call it from your main loop.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client does not use the manual dispatcher.</exception>
    public int Dispatch()
    {
        if (!events.IsManual)
        {
            throw new InvalidOperationException("Dispatch() pumps events only for clients created with ClientEventDispatcher.Manual");
        }

        return events.Drain();
    }

    /// <summary>Closes the client (a consented leave when open) and waits until it is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Cheap early-out before encoding; the send path re-checks under its lock.</summary>
    private bool MaySend(bool reliable) => parts.Send.IsAccepting && (reliable || parts.Send.HasLive);

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
        if (reliable && (parts.Lossless || loop.State != ClientState.Open) && frame.Length > options.MaxBufferedBytes)
        {
            frame.Release();
            throw new OutgoingMessageTooLargeException(frame.Length, options.MaxBufferedBytes, "the client's outbound buffer (GathoClientOptions.MaxBufferedBytes)");
        }

        return frame;
    }

    private bool Submit(OutboundFrame frame, bool reliable)
    {
        switch (parts.Send.Submit(frame, reliable))
        {
            case SendPath.Outcome.Accepted:
                return true;
            case SendPath.Outcome.Overflow:
                loop.CloseForOverflow();
                return false;
            default:
                return false;
        }
    }

    private static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || task.IsCompleted)
        {
            return await task.ConfigureAwait(false);
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static s => ((TaskCompletionSource<bool>)s!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        return await task.ConfigureAwait(false);
    }

    private static double SharedJitter()
    {
        lock (JitterRandom)
        {
            return JitterRandom.NextDouble();
        }
    }

    private static readonly Random JitterRandom = new();

    private void Raise(ClientEvent item)
    {
        try
        {
            switch (item.Kind)
            {
                case ClientEventKind.Opened:
                    Opened?.Invoke();
                    break;
                case ClientEventKind.Message:
                    MessageReceived?.Invoke(item.Message);
                    break;
                case ClientEventKind.Dropped:
                    Dropped?.Invoke((ClientDrop)item.Payload!);
                    break;
                case ClientEventKind.Reconnected:
                    Reconnected?.Invoke();
                    break;
                case ClientEventKind.AuthError:
                    AuthError?.Invoke((string)item.Payload!);
                    break;
                case ClientEventKind.Closed:
                    Closed?.Invoke((ClientCloseInfo)item.Payload!);
                    break;
                case ClientEventKind.Error:
                    Error?.Invoke((Exception)item.Payload!);
                    break;
                case ClientEventKind.SessionChanged:
                    SessionChanged?.Invoke((GathoSession)item.Payload!);
                    break;
            }
        }
        catch (Exception error) when (item.Kind != ClientEventKind.Error)
        {
            RaiseHandlerError(error);
        }
        catch (Exception error)
        {
            // The Error handler itself threw: nowhere left to report it but the trace.
            Trace.TraceError($"Gatho.Client: the Error handler threw: {error}");
        }
    }

    private void RaiseHandlerError(Exception error)
    {
        try
        {
            if (Error is { } handler)
            {
                handler(error);
            }
            else
            {
                Trace.TraceError($"Gatho.Client: an event handler threw: {error}");
            }
        }
        catch (Exception nested)
        {
            Trace.TraceError($"Gatho.Client: the Error handler threw: {nested}");
        }
    }
}
