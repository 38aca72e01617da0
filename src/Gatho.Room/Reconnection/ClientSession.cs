using Gatho.Protocol;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Messages;
using Gatho.Room.Transport;

namespace Gatho.Room.Reconnection;

/// <summary>
/// One client's session in the room, from join to leave, across sockets: the live socket (or none while dropped), the
/// reliable outbox, the v2 ack counters, the reconnection window, and the resume with its replay (DESIGN D2,
/// gatho-behaviour §4.2). This is where a reconnect is handled; the room runtime decides admission, runs callbacks and
/// the lifecycle, and asks this type what to do with frames and sockets. Room thread only.
/// </summary>
internal sealed class ClientSession
{
    private readonly SessionLimits limits;
    private IDisposable? window;

    public ClientSession(int protocolVersion, SessionLimits limits)
    {
        ProtocolVersion = protocolVersion;
        this.limits = limits;
    }

    /// <summary>What a session needs to know of the room's options.</summary>
    internal readonly record struct SessionLimits(long MaxBufferBytes, int AckEveryFrames, long AckEveryBytes);

    public int ProtocolVersion { get; }

    public bool IsV2 => ProtocolVersion >= ProtocolVersions.V2;

    /// <summary>The live socket, or null while dropped.</summary>
    public IClientConnection? Connection { get; private set; }

    /// <summary>v2: every reliable frame not yet acknowledged; v1: frames held while dropped.</summary>
    public ReliableOutbox Outbox { get; } = new();

    /// <summary>v2: highest client reliable frame processed (they are numbered from 1).</summary>
    public uint InboundProcessed { get; private set; }

    /// <summary>v2: the <see cref="InboundProcessed"/> value last acknowledged to the client.</summary>
    public uint InboundAcked { get; private set; }

    /// <summary>Counts drops, so an <c>OnDrop</c> that finishes late can tell whether its drop is still the current one.</summary>
    public int DropGeneration { get; private set; }

    public bool HasReconnectionWindow => window is not null;

    private long InboundBytesSinceAck { get; set; }

    /// <summary>The socket is this session's now.</summary>
    public void Attach(IClientConnection connection) => Connection = connection;

    /// <summary>The socket went away (dropped, replaced or closed by the room).</summary>
    public void Detach()
    {
        Connection = null;
        DropGeneration++;
    }

    /// <summary>
    /// Keeps and sends one user frame. Reliable frames are kept (v2: always, until acknowledged; v1: while dropped).
    /// Returns null when delivered or kept, else the close code that says which budget the client broke:
    /// <see cref="CloseCodes.Consented"/> for the outbox (<c>MaxBufferBytes</c>, as gatho), <see cref="CloseCodes.TooSlow"/>
    /// for the socket's outbound byte budget. Unreliable frames over the socket's soft limit are just dropped.
    /// </summary>
    public int? Deliver(byte[] frame, bool reliable)
    {
        var connection = Connection;
        if (reliable && (IsV2 || connection is null))
        {
            Outbox.Append(frame);
            if (Outbox.Bytes > limits.MaxBufferBytes)
            {
                return CloseCodes.Consented;
            }
        }

        return connection?.Send(frame, reliable ? OutboundKind.Reliable : OutboundKind.Unreliable) == SendOutcome.OverBudget
            ? CloseCodes.TooSlow
            : null;
    }

    /// <summary>v2: a reliable client frame is being processed; acknowledges at once past the frame or byte threshold.</summary>
    public void CountInbound(int wireBytes)
    {
        InboundProcessed++;
        InboundBytesSinceAck += wireBytes;
        if (InboundProcessed - InboundAcked >= (uint)limits.AckEveryFrames || InboundBytesSinceAck >= limits.AckEveryBytes)
        {
            SendAck();
        }
    }

    /// <summary>The periodic v2 ack: sent when client frames arrived since the last one.</summary>
    public void AckIfBehind()
    {
        if (IsV2 && InboundProcessed != InboundAcked)
        {
            SendAck();
        }
    }

    /// <summary>v2: the client acknowledged room frames up to <paramref name="seq"/>. False for frames never sent (a violation).</summary>
    public bool Acknowledge(uint seq) => Outbox.Acknowledge(seq);

    /// <summary>Holds the seat while the timer <paramref name="openWindow"/> makes runs; replaces an earlier window.</summary>
    public void OpenWindow(Func<IDisposable> openWindow)
    {
        // Gatho gap 3: a second AllowReconnection replaces the first window instead of leaking a timer.
        window?.Dispose();
        window = openWindow();
    }

    public void CancelWindow()
    {
        window?.Dispose();
        window = null;
    }

    /// <summary>
    /// Resumes on <paramref name="connection"/>: v2 drops what the client has (<paramref name="ack"/>), replays the rest in
    /// order, tells the client where to resume its own stream (<c>ack{m}</c>); v1 flushes what was held while dropped;
    /// then <c>session{clientId, token}</c>. The caller has checked the session may resume. A v2 <paramref name="restart"/>
    /// (a new client process resuming a persisted session, which has no count) replays everything not acknowledged,
    /// numbered from 1; the <c>ack{m}</c> tells the new process where its own numbering continues.
    /// </summary>
    public ResumeOutcome Resume(IClientConnection connection, uint? ack, string clientId, string token, bool restart = false)
    {
        CancelWindow();
        if (IsV2 && restart)
        {
            Outbox.RestartNumbering();
        }
        else if (IsV2 && (ack is null || !Outbox.TryResumeFrom(ack.Value)))
        {
            return ResumeOutcome.ResyncRequired;
        }

        Attach(connection);
        foreach (var frame in Outbox.Frames)
        {
            if (connection.Send(frame) == SendOutcome.OverBudget)
            {
                // The replay alone is over the socket's budget (MaxBufferBytes > MaxOutboundBytes): it cannot be delivered.
                return ResumeOutcome.OverBudget;
            }
        }

        if (IsV2)
        {
            // In order, not as an overtaking ack: the client must read the replay before it learns it is back.
            connection.Send(AckFrame.Encode(InboundProcessed));
            InboundAcked = InboundProcessed;
            InboundBytesSinceAck = 0;
        }
        else
        {
            Outbox.Clear();
        }

        connection.Send(ProtocolMessageCodec.EncodeFrame(new SessionMessage(clientId, token)));
        return ResumeOutcome.Resumed;
    }

    /// <summary>The session ends (the client left): no window, nothing kept, no socket.</summary>
    public void End()
    {
        CancelWindow();
        Outbox.Clear();
        if (Connection is not null)
        {
            Detach();
        }
    }

    private void SendAck()
    {
        if (Connection is not { } connection)
        {
            return;
        }

        // Acks jump ahead of queued data, so a client far behind in reading still hears in time that its frames arrive
        // (issue 17, defect 12).
        connection.Send(AckFrame.Encode(InboundProcessed), OutboundKind.Ack);
        InboundAcked = InboundProcessed;
        InboundBytesSinceAck = 0;
    }
}

/// <summary>How a <see cref="ClientSession.Resume"/> went.</summary>
internal enum ResumeOutcome
{
    /// <summary>Replayed (v2) or flushed (v1); the session is live on the new socket.</summary>
    Resumed,

    /// <summary>v2: the client's resume point is not in the outbox any more; the client must join again (4001).</summary>
    ResyncRequired,

    /// <summary>The replay does not fit the socket's outbound byte budget; the client must go (4002).</summary>
    OverBudget,
}
