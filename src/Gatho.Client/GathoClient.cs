using System.Diagnostics;
using Gatho.Client.Connection;
using Gatho.Client.Delivery;
using Gatho.Client.Threading;
using Gatho.Protocol;
using Gatho.Protocol.Closing;
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
public sealed partial class GathoClient : IAsyncDisposable, IAttemptOwner
{
    private readonly object gate = new();
    private readonly string seatUrl;
    private readonly GathoClientOptions options;
    private readonly bool lossless;
    private readonly EventQueue events;
    private readonly OutboundBuffer outbound;
    private readonly InboundAckTracker inbound;
    private readonly TimeProvider time;
    private readonly Func<double> jitter;
    private readonly TaskCompletionSource<ClientCloseInfo?> opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ClientCloseInfo> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ClientState state = ClientState.Connecting;
    private volatile string? clientId;
    private bool started;

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
        this.seatUrl = seatUrl;
        lossless = this.options.ProtocolVersion >= ProtocolVersions.V2;
        events = new EventQueue(this.options.Dispatcher, Raise);
        outbound = new OutboundBuffer(this.options.MaxBufferedBytes);
        inbound = new InboundAckTracker(this.options.Acks);
        time = this.options.TimeProvider;
        jitter = this.options.JitterSource ?? SharedJitter;
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
    public ClientState State => state;

    /// <summary>The client's id in the room; null until the room's first <c>session</c> message.</summary>
    public string? ClientId => clientId;

    /// <summary>Wire bytes of reliable messages held (waiting to be sent, or in v2 waiting for the room's ack).</summary>
    public long BufferedBytes
    {
        get
        {
            lock (gate)
            {
                return outbound.Bytes;
            }
        }
    }

    /// <summary>Completes with how the client closed, once it has.</summary>
    public Task<ClientCloseInfo> Completion => closed.Task;

    /// <summary>Starts dialling the room and returns at once; <see cref="Opened"/> (or <see cref="Closed"/>) tells the outcome.</summary>
    /// <exception cref="InvalidOperationException">The client was started already.</exception>
    public void Connect()
    {
        lock (gate)
        {
            if (started)
            {
                throw new InvalidOperationException($"this client for {seatUrl} was started already; create a new client to join again");
            }

            started = true;
            if (state == ClientState.Connecting)
            {
                StartAttempt(SeatUrl.ForConnect(seatUrl, options.ProtocolVersion));
            }
        }
    }

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
            outcome = await WaitAsync(opened.Task, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lock (gate)
            {
                if (state == ClientState.Connecting)
                {
                    closeRequested = true;
                    EnterClosed(new ClientCloseInfo(CloseCodes.Consented, ConnectCancelledReason, CloseCause.Cancelled));
                    throw;
                }
            }

            // Opened (or closed) just as the token fired: report what happened, not the cancellation.
            outcome = await opened.Task.ConfigureAwait(false);
        }

        if (outcome is not null)
        {
            throw new ClientClosedException(outcome);
        }
    }

    /// <summary>The reason text of a <see cref="CloseCause.Cancelled"/> close.</summary>
    internal const string ConnectCancelledReason = "connect cancelled";

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
