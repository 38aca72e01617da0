using System.Threading.Channels;
using Gatho.Client.Transport;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;

namespace Gatho.Client.Tests.Support;

/// <summary>A scripted transport for unit tests: each socket the client creates is handed to the test to drive.</summary>
internal sealed class FakeTransport : IClientTransport
{
    private readonly Channel<FakeSocket> created = Channel.CreateUnbounded<FakeSocket>();

    public int Created { get; private set; }

    public IClientSocket CreateSocket()
    {
        var socket = new FakeSocket();
        Created++;
        created.Writer.TryWrite(socket);
        return socket;
    }

    /// <summary>The next socket the client creates, once it is dialling.</summary>
    public async Task<FakeSocket> NextAsync()
    {
        var socket = await created.Reader.ReadAsync().AsTask().WaitAsync(EventLog.Patience);
        await socket.Dialled.WaitAsync(EventLog.Patience);
        return socket;
    }

    public bool HasPending => created.Reader.Count > 0;
}

/// <summary>One scripted socket: the test accepts or refuses the dial, feeds frames and closes, and reads what was sent.</summary>
internal sealed class FakeSocket : IClientSocket
{
    private readonly TaskCompletionSource<Exception?> accept = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource dialled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<(byte[]? Frame, int Code, string Reason, Exception? Error)> inbox = Channel.CreateUnbounded<(byte[]?, int, string, Exception?)>();
    private readonly EventLog sent = new();
    private readonly List<byte[]> sentFrames = new();

    public Uri? Uri { get; private set; }

    public Task Dialled => dialled.Task;

    public (int Code, string Reason)? ClosedWith { get; private set; }

    public bool Aborted { get; private set; }

    public IReadOnlyList<byte[]> Sent
    {
        get
        {
            lock (sentFrames)
            {
                return sentFrames.ToArray();
            }
        }
    }

    /// <summary>Sent frames as text: <c>t:hello</c>, <c>b:0102</c>, <c>ack:5</c>, <c>leave</c>, <c>close:4000</c>.</summary>
    public EventLog Log => sent;

    public void Accept() => accept.TrySetResult(null);

    public void Refuse() => accept.TrySetResult(new System.Net.WebSockets.WebSocketException("connection refused"));

    /// <summary>Fails the dial as ClientWebSocket does when nothing listens: a SocketException (refused) inside.</summary>
    public void RefuseConnection() => accept.TrySetResult(new System.Net.WebSockets.WebSocketException(
        "Unable to connect to the remote server",
        new System.Net.Http.HttpRequestException("Connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused))));

    /// <summary>Fails the dial as ClientWebSocket (CoreCLR and Mono) does when the server answers with another status.</summary>
    public void AnswerHttp(int status) => accept.TrySetResult(new System.Net.WebSockets.WebSocketException(
        System.Net.WebSockets.WebSocketError.NotAWebSocket,
        $"The server returned status code '{status}' when status code '101' was expected."));

    public void Receive(byte[] frame) => inbox.Writer.TryWrite((frame, 0, string.Empty, null));

    public void ReceiveText(string text, bool reliable = true) => Receive(FrameCodec.EncodeText(reliable ? FrameType.Text : FrameType.UnreliableText, text));

    public void ReceiveProtocol(ProtocolMessage message) => Receive(ProtocolMessageCodec.EncodeFrame(message));

    public void Session(string clientId = "c1", string token = "tok1") => ReceiveProtocol(new SessionMessage(clientId, token));

    public void PeerClose(int code, string reason = "") => inbox.Writer.TryWrite((null, code, reason, null));

    public void Die() => inbox.Writer.TryWrite((null, 0, string.Empty, new System.Net.WebSockets.WebSocketException("connection reset")));

    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        Uri = uri;
        dialled.TrySetResult();
        var refusal = await accept.Task.WaitAsync(cancellationToken);
        if (refusal is not null)
        {
            throw refusal;
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var frame = message.ToArray();
        lock (sentFrames)
        {
            sentFrames.Add(frame);
        }

        sent.Add(Describe(frame));
        return default;
    }

    public async ValueTask<SocketReceiveResult> ReceiveAsync(MessageBuffer destination, int maxMessageBytes, CancellationToken cancellationToken)
    {
        var (frame, code, reason, error) = await inbox.Reader.ReadAsync(cancellationToken);
        if (error is not null)
        {
            throw error;
        }

        if (frame is null)
        {
            return new SocketReceiveResult(SocketMessageKind.Close, code, reason);
        }

        if (frame.Length > maxMessageBytes)
        {
            throw new MessageTooLargeException(maxMessageBytes);
        }

        frame.CopyTo(destination.GetMemory(frame.Length).Span);
        destination.Advance(frame.Length);
        return new SocketReceiveResult(SocketMessageKind.Binary);
    }

    public Task CloseOutputAsync(int code, string reason, CancellationToken cancellationToken)
    {
        ClosedWith = (code, reason);
        sent.Add($"close:{code}");

        // A well-behaved peer answers the close handshake with the same code.
        PeerClose(code, reason);
        return Task.CompletedTask;
    }

    public void Abort()
    {
        Aborted = true;
        accept.TrySetResult(new OperationCanceledException("aborted"));
        inbox.Writer.TryWrite((null, 0, string.Empty, new OperationCanceledException("aborted")));
    }

    public void Dispose()
    {
    }

    private static string Describe(byte[] frame)
    {
        FrameCodec.TryDecode(frame, 2, out var type, out var payload);
        switch (type)
        {
            case FrameType.Protocol:
                return ProtocolMessageCodec.Decode(payload) switch
                {
                    AckMessage ack => $"ack:{ack.Seq}",
                    LeaveMessage => "leave",
                    var other => other.Kind.ToString(),
                };
            case FrameType.Text:
            case FrameType.UnreliableText:
                FrameCodec.TryDecodeText(payload, out var text);
                return (type == FrameType.Text ? "t:" : "ut:") + text;
            default:
                return (type == FrameType.Binary ? "b:" : "ub:") + Convert.ToHexString(payload);
        }
    }
}
