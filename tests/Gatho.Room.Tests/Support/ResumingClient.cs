using System.Net.WebSockets;
using System.Threading.Channels;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Protocol.Urls;

namespace Gatho.Room.Tests.Support;

/// <summary>
/// A minimal protocol v2 client for testing the room's resume: it numbers and keeps its reliable frames until acked,
/// counts the room's, acks, and on resume presents <c>ack</c>, takes the room's replay, drops what the room's
/// <c>ack{m}</c> covers and resends the rest before anything new. Every frame goes through one ordered send queue.
/// </summary>
internal sealed class ResumingClient : IAsyncDisposable
{
    private readonly string seatUrl;
    private readonly object gate = new();
    private readonly List<(uint Seq, byte[] Frame)> retained = new();
    private readonly List<string> received = new();
    private Connection? current;
    private uint sentSeq;
    private uint roomProcessed;
    private uint lastAckSent;
    private bool open;

    public ResumingClient(string seatUrl)
    {
        this.seatUrl = seatUrl;
    }

    public string? SessionToken { get; private set; }

    public string? ClientId { get; private set; }

    public int Resumes { get; private set; }

    public int ReplayedFrames { get; private set; }

    /// <summary>Own frames resent after a resume because the room had not processed them.</summary>
    public int ResentFrames { get; private set; }

    public IReadOnlyList<string> Received
    {
        get
        {
            lock (gate)
            {
                return received.ToArray();
            }
        }
    }

    public int ReceivedCount
    {
        get
        {
            lock (gate)
            {
                return received.Count;
            }
        }
    }

    public int Retained
    {
        get
        {
            lock (gate)
            {
                return retained.Count;
            }
        }
    }

    public Task ConnectAsync() => OpenAsync(SeatUrl.ForConnect(seatUrl, 2), resuming: false);

    /// <summary>Resumes after a kill; returns the close code if the room refused (e.g. 4001), else null.</summary>
    public async Task<int?> ResumeAsync()
    {
        uint ack;
        lock (gate)
        {
            ack = roomProcessed;
        }

        var refused = await OpenAsync(SeatUrl.ForResume(seatUrl, SessionToken!, 2, ack), resuming: true);
        Resumes++;
        return refused;
    }

    /// <summary>Resumes claiming a chosen ack (to provoke a resync).</summary>
    public Task<int?> ResumeClaimingAsync(uint ack) => OpenAsync(SeatUrl.ForResume(seatUrl, SessionToken!, 2, ack), resuming: true);

    public void Send(string text)
    {
        var frame = FrameCodec.EncodeText(FrameType.Text, text);
        lock (gate)
        {
            retained.Add((++sentSeq, frame));
            if (open)
            {
                current!.Queue.Writer.TryWrite(frame);
            }
        }
    }

    /// <summary>Kills the TCP connection with no close handshake: whatever is in flight either way may be lost.</summary>
    public void Kill()
    {
        lock (gate)
        {
            // Detach first: a frame the dead socket had already read must not count after the resume point is taken.
            open = false;
            current?.Socket.Abort();
            current = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var last = current;
        Kill();
        if (last is not null)
        {
            await last.Done;
        }
    }

    private async Task<int?> OpenAsync(string url, bool resuming)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(url), CancellationToken.None);
        var connection = new Connection(socket);
        var outcome = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            current = connection;
        }

        connection.Done = Task.WhenAll(SendLoopAsync(connection), ReceiveLoopAsync(connection, resuming, outcome));
        return await outcome.Task.WaitAsync(WireClient.Patience);
    }

    private static async Task SendLoopAsync(Connection connection)
    {
        try
        {
            await foreach (var frame in connection.Queue.Reader.ReadAllAsync())
            {
                await connection.Socket.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task ReceiveLoopAsync(Connection connection, bool resuming, TaskCompletionSource<int?> outcome)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await connection.Socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    outcome.TrySetResult((int?)connection.Socket.CloseStatus ?? 1005);
                    return;
                }

                // Test frames are small; a partial read would be a test bug, not a room one.
                Assert.True(result.EndOfMessage, "test client expects whole frames");
                Handle(connection, buffer.AsSpan(0, result.Count), resuming, outcome);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            outcome.TrySetResult(1006);
        }
        finally
        {
            connection.Queue.Writer.TryComplete();
        }
    }

    private void Handle(Connection connection, ReadOnlySpan<byte> frame, bool resuming, TaskCompletionSource<int?> outcome)
    {
        FrameCodec.TryDecode(frame, 2, out var type, out var payload);
        lock (gate)
        {
            if (!ReferenceEquals(current, connection))
            {
                return;
            }

            switch (type)
            {
                case FrameType.Protocol:
                    switch (ProtocolMessageCodec.Decode(payload))
                    {
                        case AckMessage ack:
                            retained.RemoveAll(r => r.Seq <= ack.Seq);
                            break;
                        case SessionMessage session:
                            SessionToken = session.Token;
                            ClientId = session.ClientId;
                            foreach (var (_, kept) in retained)
                            {
                                // Resend what the room has not processed, in order, before anything new.
                                connection.Queue.Writer.TryWrite(kept);
                                ResentFrames++;
                            }

                            open = true;
                            outcome.TrySetResult(null);
                            break;
                    }

                    break;
                case FrameType.Text:
                    roomProcessed++;
                    if (resuming && !open)
                    {
                        ReplayedFrames++;
                    }

                    received.Add(System.Text.Encoding.UTF8.GetString(payload));
                    if (roomProcessed - lastAckSent >= 32 && open)
                    {
                        lastAckSent = roomProcessed;
                        connection.Queue.Writer.TryWrite(ProtocolMessageCodec.EncodeFrame(new AckMessage(roomProcessed)));
                    }

                    break;
            }
        }
    }

    private sealed class Connection
    {
        public Connection(ClientWebSocket socket)
        {
            Socket = socket;
        }

        public ClientWebSocket Socket { get; }

        public Channel<byte[]> Queue { get; } = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

        public Task Done { get; set; } = Task.CompletedTask;
    }
}
