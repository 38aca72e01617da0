using Gatho.Protocol;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Room.Runtime;
using Gatho.Room.Transport;
using Gatho.Typed;

namespace Gatho.Room.Testing;

/// <summary>
/// A client of a <see cref="RoomTestHost"/>: sends frames the way a real client does and records what the room sent.
/// Protocol v2 numbering is kept, so drops and resumes behave as over a real socket.
/// </summary>
public sealed class TestClient
{
    private readonly RoomRuntime runtime;
    private readonly object gate = new();
    private readonly List<RoomMessage> received = new();
    private InMemoryConnection? connection;
    private TaskCompletionSource answered = NewSignal();
    private uint roomFramesProcessed;

    private readonly IMessageContract? contract;

    internal TestClient(RoomRuntime runtime, int protocolVersion, IMessageContract? contract)
    {
        this.runtime = runtime;
        this.contract = contract;
        ProtocolVersion = protocolVersion;
    }

    /// <summary>The protocol version this client speaks.</summary>
    public int ProtocolVersion { get; }

    /// <summary>The id the room gave this client (from its session).</summary>
    public string? ClientId { get; private set; }

    /// <summary>The current session token.</summary>
    public string? SessionToken { get; private set; }

    /// <summary>True between a session and the socket closing.</summary>
    public bool IsOpen => connection is { IsClosed: false } && SessionToken is not null && CloseCode is null;

    /// <summary>The last <c>auth_error</c> text, if any.</summary>
    public string? AuthError { get; private set; }

    /// <summary>How the room closed the current socket, if it did.</summary>
    public int? CloseCode { get; private set; }

    /// <summary>The reason the room gave with <see cref="CloseCode"/>.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>The room's latest <c>ack</c> (v2): how many of this client's reliable messages it processed.</summary>
    public uint? LastAck { get; private set; }

    /// <summary>The last frame the room handed this client's socket, exactly as it would go on the wire.</summary>
    public byte[]? LastFrameSent { get; private set; }

    /// <summary>Every user message received, in order.</summary>
    public IReadOnlyList<RoomMessage> Received
    {
        get
        {
            lock (gate)
            {
                return received.ToArray();
            }
        }
    }

    /// <summary>The text messages received, in order.</summary>
    public IReadOnlyList<string> ReceivedTexts => Received.Where(m => m.IsText).Select(m => m.Text!).ToArray();

    /// <summary>
    /// The typed messages received from a generated room, decoded with its contract, in order (binary messages that are
    /// not typed messages are skipped).
    /// </summary>
    /// <exception cref="InvalidOperationException">The room is not a generated (<c>[GathoRoom]</c>) room.</exception>
    public IReadOnlyList<object> ReceivedMessages
    {
        get
        {
            var typed = Contract;
            var messages = new List<object>();
            foreach (var message in Received)
            {
                if (!message.IsText && TryDecode(typed, message.Data, out var decoded))
                {
                    messages.Add(decoded);
                }
            }

            return messages;
        }
    }

    /// <summary>The typed messages of type <typeparamref name="T"/> received, in order.</summary>
    public IReadOnlyList<T> Messages<T>() => ReceivedMessages.OfType<T>().ToArray();

    /// <summary>Sends a typed message of the room's contract and waits until the room has processed it.</summary>
    /// <exception cref="InvalidOperationException">The room is not a generated (<c>[GathoRoom]</c>) room.</exception>
    /// <exception cref="ArgumentException">The message's type is not in the room's contract.</exception>
    public Task SendMessageAsync(object message, bool reliable = true) => SendAsync(Contract.Encode(message), reliable);

    private IMessageContract Contract => contract ?? throw new InvalidOperationException("typed messages need a generated room: this room's behavior is not a [GathoRoom] class");

    private static bool TryDecode(IMessageContract contract, ReadOnlyMemory<byte> payload, out object message)
    {
        try
        {
            message = contract.Decode(payload);
            return true;
        }
        catch (InvalidMessageException)
        {
            message = null!;
            return false;
        }
    }

    /// <summary>Inbound messages of the current socket the room finished with (handlers completed); for runtime tests.</summary>
    internal int MessagesProcessed => connection?.MessagesProcessed ?? 0;

    /// <summary>Sends text and waits until the room has processed it.</summary>
    public Task SendAsync(string text, bool reliable = true) => SendFrameAsync(FrameCodec.EncodeText(FrameTypes.ForUser(true, reliable || ProtocolVersion < 2), text));

    /// <summary>Sends bytes and waits until the room has processed them.</summary>
    public Task SendAsync(byte[] data, bool reliable = true) => SendFrameAsync(FrameCodec.Encode(FrameTypes.ForUser(false, reliable || ProtocolVersion < 2), data));

    /// <summary>Sends any raw frame (even a malformed one) and waits until the room has processed it.</summary>
    public Task SendFrameAsync(byte[] frame)
    {
        var current = connection ?? throw new InvalidOperationException("not connected");
        runtime.EnqueueReceived(current, InboundMessage.Decode(frame, ProtocolVersion));
        return IdleAsync(runtime);
    }

    /// <summary>v2: acknowledges every room frame received so far.</summary>
    public Task AckAsync() => SendFrameAsync(ProtocolMessageCodec.EncodeFrame(new AckMessage(roomFramesProcessed)));

    /// <summary>Leaves on purpose: <c>leave</c>, as a client's <c>Close()</c> does.</summary>
    public Task LeaveAsync() => SendFrameAsync(ProtocolMessageCodec.EncodeFrame(LeaveMessage.Instance));

    /// <summary>Simulates the socket dying (or closing with <paramref name="code"/>) and waits for the room to react.</summary>
    public Task DropAsync(int code = 1006)
    {
        var current = connection ?? throw new InvalidOperationException("not connected");
        current.MarkClosed();
        runtime.EnqueueClosed(current, code);
        return IdleAsync(runtime);
    }

    /// <summary>Resumes with the session token on a new in-memory socket; true when the room sent a new session.</summary>
    public async Task<bool> ResumeAsync()
    {
        var token = SessionToken ?? throw new InvalidOperationException("no session to resume");
        var next = Attach();
        runtime.EnqueueResume(next, token, ProtocolVersion >= ProtocolVersions.V2 ? roomFramesProcessed : null);
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await IdleAsync(runtime).ConfigureAwait(false);
        return CloseCode is null;
    }

    internal async Task OpenAsync(Admission admission)
    {
        runtime.EnqueueOpen(Attach(), admission);
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await IdleAsync(runtime).ConfigureAwait(false);
    }

    internal static async Task IdleAsync(RoomRuntime runtime)
    {
        // Posting twice lets work queued by the first pass (continuations, callbacks) run before we return.
        for (var i = 0; i < 3; i++)
        {
            await runtime.Dispatcher.Run(() => Task.CompletedTask).ConfigureAwait(false);
        }
    }

    /// <summary>Called on the room thread for every frame the room sends to this client's current socket.</summary>
    internal void OnFrame(byte[] frame)
    {
        LastFrameSent = frame;
        FrameCodec.TryDecode(frame, ProtocolVersion, out var type, out var payload);
        if (type == FrameType.Protocol)
        {
            switch (ProtocolMessageCodec.Decode(payload))
            {
                case SessionMessage session:
                    ClientId = session.ClientId;
                    SessionToken = session.Token;
                    answered.TrySetResult();
                    break;
                case AuthErrorMessage error:
                    AuthError = error.Error;
                    break;
                case AckMessage ack:
                    LastAck = ack.Seq;
                    break;
            }

            return;
        }

        if (type.IsReliable() && ProtocolVersion >= ProtocolVersions.V2)
        {
            roomFramesProcessed++;
        }

        var message = type.IsText()
            ? RoomMessage.FromText(System.Text.Encoding.UTF8.GetString(payload), type.IsReliable())
            : RoomMessage.FromBytes(payload.ToArray(), type.IsReliable());
        lock (gate)
        {
            received.Add(message);
        }
    }

    internal void OnClose(int code, string reason)
    {
        CloseCode = code;
        CloseReason = reason;
        answered.TrySetResult();
    }

    private InMemoryConnection Attach()
    {
        answered = NewSignal();
        CloseCode = null;
        CloseReason = null;
        AuthError = null;
        connection = new InMemoryConnection(this, runtime, ProtocolVersion);
        return connection;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
