using Gatho.Protocol;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Room.Dispatch;
using Gatho.Room.Hosting;
using Gatho.Room.Listing;
using Gatho.Room.Reconnection;
using Gatho.Room.Transport;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Runtime;

/// <summary>
/// The room: client tracking, admission, resume, buffering, broadcast and the lifecycle, all on the room thread
/// (<see cref="RoomDispatcher"/>). Transports call the thread-safe entry points in <c>RoomRuntime.Entry.cs</c>, which
/// post here. This file holds the state and the <see cref="IRoom"/> surface.
/// </summary>
internal sealed partial class RoomRuntime : IRoom
{
    private readonly IRoomBehavior behavior;

    /// <summary>The room code this runtime calls (test hosts read a generated room's contract from it).</summary>
    internal IRoomBehavior Behavior => behavior;
    private readonly RoomOptions options;
    private readonly ManagedContext context;
    private readonly ILogger logger;
    private readonly RoomClientCollection clients = new();
    private readonly SessionTokens<RoomClient> sessions = new();
    private readonly RedeemedSeats redeemed = new();
    private readonly HashSet<string> authenticating = new(StringComparer.Ordinal);
    private readonly RoomTimers timers;
    private readonly RoomListing listing = new();
    private INotifySink? notify;
    private RoomState state = RoomState.Created;

    public RoomRuntime(IRoomBehavior behavior, RoomOptions options, ManagedContext context, RoomDispatcher dispatcher, ILogger logger)
    {
        this.behavior = behavior;
        this.options = options;
        this.context = context;
        Dispatcher = dispatcher;
        this.logger = logger;
        timers = new RoomTimers(options.MaxTimers);
    }

    private enum RoomState
    {
        Created,
        Running,
        Stopping,
        Stopped,
    }

    public string RoomId => context.RoomId;

    public string RoomType => context.RoomType;

    public string? ServerId => context.ServerId;

    public bool IsStandalone => context.Standalone;

    public string DataJson => context.DataJson;

    public IRoomClients Clients => clients;

    public bool IsLocked => listing.IsLocked;

    public void SetTags(IReadOnlyDictionary<string, string> tags) => listing.SetTags(tags);

    public void RemoveTags(IEnumerable<string> keys) => listing.RemoveTags(keys);

    public void Lock() => listing.SetLocked(true);

    public void Unlock() => listing.SetLocked(false);

    internal RoomDispatcher Dispatcher { get; }

    /// <summary>Timers live now (room code's, heartbeat, acks, reconnection windows).</summary>
    internal int TimerCount => timers.Count;

    /// <summary>
    /// Whether a resume with <paramref name="sessionToken"/> may be upgraded: the room issued it (it may have been
    /// revoked since; the room thread decides). Thread-safe: the HTTP upgrade asks before any WebSocket exists.
    /// </summary>
    internal bool MayResume(string sessionToken) => sessions.WasIssued(sessionToken);

    public void Broadcast(string message, bool reliable = true, IRoomClient? except = null)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        BroadcastFrames(FrameCodec.EncodeText(FrameTypes.ForUser(text: true, reliable), message), reliable, except, null);
    }

    public void Broadcast(string message, bool reliable, IEnumerable<IRoomClient> except)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        BroadcastFrames(FrameCodec.EncodeText(FrameTypes.ForUser(text: true, reliable), message), reliable, null, ExceptIds(except));
    }

    public void Broadcast(ReadOnlySpan<byte> message, bool reliable = true, IRoomClient? except = null) =>
        BroadcastFrames(FrameCodec.Encode(FrameTypes.ForUser(text: false, reliable), message), reliable, except, null);

    public void Broadcast(ReadOnlySpan<byte> message, bool reliable, IEnumerable<IRoomClient> except) =>
        BroadcastFrames(FrameCodec.Encode(FrameTypes.ForUser(text: false, reliable), message), reliable, null, ExceptIds(except));

    public IDisposable Schedule(TimeSpan delay, Action callback) => AddTimer(delay, null, callback);

    public IDisposable ScheduleRepeating(TimeSpan interval, Action callback)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be positive");
        }

        return AddTimer(interval, interval, callback);
    }

    public void Post(Action action)
    {
        if (action is null)
        {
            throw new ArgumentNullException(nameof(action));
        }

        Dispatcher.Post(() => Guard(action, "posted action"));
    }

    public Task Post(Func<Task> action)
    {
        if (action is null)
        {
            throw new ArgumentNullException(nameof(action));
        }

        return Dispatcher.Run(action);
    }

    public Task<T> Post<T>(Func<T> function)
    {
        if (function is null)
        {
            throw new ArgumentNullException(nameof(function));
        }

        return Dispatcher.Run(function);
    }

    public Task StopAsync() => RequestStop(Protocol.Closing.CloseReasons.RoomShuttingDown, selfInitiated: true);

    /// <summary>Frame type for a user message to a client of the given protocol version.</summary>
    internal FrameType UserFrameType(bool text, bool reliable, bool v2) =>
        FrameTypes.ForUser(text, reliable || !v2); // v1 has no unreliable types: send 0x01/0x02 and just never buffer.

    /// <summary>Runs <paramref name="action"/> now when on the room thread, else queues it there.</summary>
    internal void OnRoomThread(Action action)
    {
        if (Dispatcher.IsCurrent)
        {
            action();
        }
        else
        {
            Dispatcher.Post(action);
        }
    }

    /// <summary>
    /// Sends an encoded user frame to one client: written to a live socket, kept in the outbox when reliable (v2:
    /// always, until acknowledged; v1: while dropped). Over the buffer cap the client is evicted, as gatho.
    /// </summary>
    internal void Deliver(RoomClient client, byte[] frame, bool reliable)
    {
        if (!Dispatcher.IsCurrent)
        {
            Dispatcher.Post(() => Deliver(client, frame, reliable));
            return;
        }

        if (state != RoomState.Running || !client.IsInRoom)
        {
            return;
        }

        if (Keep(client, frame, reliable) is { } overflow)
        {
            EvictOverBudget(client, overflow);
        }
    }

    /// <summary>Keeps and queues one frame for <paramref name="client"/>; null when kept, else the close code of the budget it broke.</summary>
    private int? Keep(RoomClient client, byte[] frame, bool reliable)
    {
        var overflow = client.Session.Deliver(frame, reliable);
        if (overflow == CloseCodes.Consented)
        {
            logger.LogWarning("room {RoomId}: {Client} has {Bytes} reliable bytes kept, over {Limit} (MaxBufferBytes); evicting", RoomId, client.Id, client.Outbox.Bytes, options.MaxBufferBytes);
        }
        else if (overflow == CloseCodes.TooSlow)
        {
            logger.LogWarning("room {RoomId}: {Client} has {Bytes} bytes waiting for its socket, at the {Limit}-byte limit (MaxOutboundBytes); evicting it as too slow", RoomId, client.Id, client.BufferedAmount, options.MaxOutboundBytes);
        }

        return overflow;
    }

    /// <summary>The per-client session limits from the room's options.</summary>
    private ClientSession.SessionLimits SessionLimits => new(options.MaxBufferBytes, options.AckEveryFrames, AckEveryBytes);

    private void EvictOverBudget(RoomClient client, int code)
    {
        if (code == CloseCodes.TooSlow)
        {
            Evict(client, CloseCodes.TooSlow, CloseReasons.TooSlow, fromRoomCode: true);
        }
        else
        {
            Evict(client, fromRoomCode: true);
        }
    }

    // frame: the message encoded once, as protocol v2 frames it; v1 clients get a copy with the v1 type byte when the
    // message is unreliable (v1 has no unreliable types), made at most once per broadcast.
    private void BroadcastFrames(byte[] frame, bool reliable, IRoomClient? except, HashSet<string>? exceptIds)
    {
        if (state == RoomState.Created)
        {
            throw new InvalidOperationException($"room {RoomId} has not started; broadcast from OnStart or later");
        }

        if (!Dispatcher.IsCurrent)
        {
            Dispatcher.Post(() => BroadcastFrames(frame, reliable, except, exceptIds));
            return;
        }

        if (state != RoomState.Running)
        {
            return;
        }

        // The same array goes to every socket (and every outbox): encoded once, never copied per client.
        var v1Frame = reliable ? frame : null;
        List<(RoomClient Client, int Code)>? overflowed = null;
        for (var i = 0; i < clients.Count; i++)
        {
            // By index: a foreach over the collection's IList view boxed an enumerator per broadcast.
            var client = clients.At(i);
            if (ReferenceEquals(client, except) || (exceptIds is not null && exceptIds.Contains(client.Id)))
            {
                continue;
            }

            if (Keep(client, client.IsV2 ? frame : v1Frame ??= AsV1(frame), reliable) is { } code)
            {
                (overflowed ??= new List<(RoomClient, int)>()).Add((client, code));
            }
        }

        if (overflowed is not null)
        {
            foreach (var (client, code) in overflowed)
            {
                EvictOverBudget(client, code);
            }
        }
    }

    private static byte[] AsV1(byte[] unreliableFrame)
    {
        var copy = (byte[])unreliableFrame.Clone();
        copy[0] = (byte)(((FrameType)copy[0]).IsText() ? FrameType.Text : FrameType.Binary);
        return copy;
    }

    private static HashSet<string> ExceptIds(IEnumerable<IRoomClient> except)
    {
        if (except is null)
        {
            throw new ArgumentNullException(nameof(except));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var client in except)
        {
            ids.Add(client.Id);
        }

        return ids;
    }

    private RoomTimer AddTimer(TimeSpan due, TimeSpan? period, Action callback)
    {
        if (callback is null)
        {
            throw new ArgumentNullException(nameof(callback));
        }

        return NewTimer(due, period, callback, e => logger.LogError(e, "room {RoomId}: timer callback threw", RoomId));
    }

    /// <summary>A timer on <see cref="RoomOptions.TimeProvider"/>, counted against <see cref="RoomOptions.MaxTimers"/>.</summary>
    private RoomTimer NewTimer(TimeSpan due, TimeSpan? period, Action callback, Action<Exception> onError) =>
        new(timers, Dispatcher, options.TimeProvider, due, period, callback, onError);

    private static void SendProtocol(IClientConnection connection, ProtocolMessage message) =>
        connection.Send(ProtocolMessageCodec.EncodeFrame(message));

    private void Guard(Action action, string what)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            logger.LogError(e, "room {RoomId}: {What} threw", RoomId, what);
        }
    }

    /// <summary>Awaits a room callback, logging (never propagating) what it throws: a buggy callback must not kill the room.</summary>
    private async Task Callback(Func<ValueTask> callback, string name, RoomClient? client = null)
    {
        try
        {
            await callback();
        }
        catch (Exception e)
        {
            logger.LogError(e, "room {RoomId}: {Callback} threw{For}", RoomId, name, client is null ? string.Empty : " for " + client.Id);
        }
    }
}
