using Gatho.Protocol.Closing;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Room.Reconnection;
using Gatho.Room.Runtime;
using Gatho.Room.Transport;

namespace Gatho.Room.Tests.Reconnection;

// Issue 17 build item 4: one type owns a client's session across sockets (outbox, ack counters, window, resume, replay).
public class ClientSessionTests
{
    private static readonly ClientSession.SessionLimits Limits = new(MaxBufferBytes: 100, AckEveryFrames: 3, AckEveryBytes: 1000);

    [Fact]
    public void V2_keeps_reliable_frames_until_acknowledged_and_never_keeps_unreliable_ones()
    {
        var session = new ClientSession(2, Limits);
        var socket = new RecordingConnection();
        session.Attach(socket);
        Assert.Null(session.Deliver(Frame(1), reliable: true));
        Assert.Null(session.Deliver(Frame(2), reliable: false));
        Assert.Null(session.Deliver(Frame(3), reliable: true));
        Assert.Equal(3, socket.Sent.Count);
        Assert.Equal(2, session.Outbox.Count);
        Assert.True(session.Acknowledge(1));
        Assert.Equal(1, session.Outbox.Count);
        Assert.False(session.Acknowledge(3)); // only two reliable frames were sent
    }

    [Fact]
    public void V1_keeps_frames_only_while_dropped_and_a_resume_flushes_them_in_order_before_the_session()
    {
        var session = new ClientSession(1, Limits);
        session.Attach(new RecordingConnection());
        session.Deliver(Frame(1), reliable: true);
        Assert.Equal(0, session.Outbox.Count);
        session.Detach();
        session.Deliver(Frame(2), reliable: true);
        session.Deliver(Frame(3), reliable: true);

        var next = new RecordingConnection();
        Assert.Equal(ResumeOutcome.Resumed, session.Resume(next, ack: null, "c1", "tok2"));
        Assert.Equal(new[] { "data:2", "data:3", "session:tok2" }, next.Described());
        Assert.Equal(0, session.Outbox.Count);
        Assert.Same(next, session.Connection);
    }

    [Fact]
    public void V2_resume_replays_after_the_clients_ack_then_acks_the_client_then_sends_the_session()
    {
        var session = new ClientSession(2, Limits);
        session.Attach(new RecordingConnection());
        for (byte i = 1; i <= 4; i++)
        {
            session.Deliver(Frame(i), reliable: true);
        }

        session.CountInbound(10);
        session.Detach();

        var next = new RecordingConnection();
        Assert.Equal(ResumeOutcome.Resumed, session.Resume(next, ack: 2, "c1", "tok2"));
        Assert.Equal(new[] { "data:3", "data:4", "ack:1", "session:tok2" }, next.Described());
        Assert.All(next.Kinds, kind => Assert.Equal(OutboundKind.Reliable, kind));
    }

    [Fact]
    public void V2_restart_from_a_new_client_process_replays_everything_unacknowledged_numbered_from_1()
    {
        var session = new ClientSession(2, Limits);
        session.Attach(new RecordingConnection());
        for (byte i = 1; i <= 4; i++)
        {
            session.Deliver(Frame(i), reliable: true);
        }

        session.Acknowledge(1);
        session.CountInbound(10);
        session.CountInbound(10);
        session.Detach();

        var next = new RecordingConnection();
        Assert.Equal(ResumeOutcome.Resumed, session.Resume(next, ack: null, "c1", "tok2", restart: true));
        Assert.Equal(new[] { "data:2", "data:3", "data:4", "ack:2", "session:tok2" }, next.Described());

        // The new process counts the replay as its frames 1..3: its acks free them, and frame 4 is the next one sent.
        Assert.False(session.Acknowledge(4));
        Assert.True(session.Acknowledge(3));
        Assert.Equal(0, session.Outbox.Count);
        session.Deliver(Frame(5), reliable: true);
        Assert.Equal(4u, session.Outbox.LastSeq);
    }

    [Theory]
    [InlineData(5u)]
    [InlineData(null)]
    public void V2_resume_from_a_point_not_kept_or_never_sent_is_refused_as_resync_required(uint? ack)
    {
        var session = new ClientSession(2, Limits);
        session.Attach(new RecordingConnection());
        session.Deliver(Frame(1), reliable: true);
        session.Deliver(Frame(2), reliable: true);
        session.Detach();
        Assert.Equal(ResumeOutcome.ResyncRequired, session.Resume(new RecordingConnection(), ack, "c1", "t"));
        Assert.Null(session.Connection);
    }

    [Fact]
    public void V2_resume_after_frames_were_dropped_on_an_ack_is_resync_required()
    {
        var session = new ClientSession(2, Limits);
        session.Attach(new RecordingConnection());
        session.Deliver(Frame(1), reliable: true);
        session.Deliver(Frame(2), reliable: true);
        session.Acknowledge(2);
        session.Detach();
        Assert.Equal(ResumeOutcome.ResyncRequired, session.Resume(new RecordingConnection(), ack: 0, "c1", "t"));
    }

    [Fact]
    public void Over_the_outbox_cap_says_4000_and_over_the_sockets_budget_says_4002()
    {
        var session = new ClientSession(2, Limits);
        session.Attach(new RecordingConnection());
        Assert.Null(session.Deliver(new byte[60], reliable: true));
        Assert.Equal(CloseCodes.Consented, session.Deliver(new byte[60], reliable: true));

        var slow = new ClientSession(2, Limits with { MaxBufferBytes = 10_000 });
        slow.Attach(new RecordingConnection { Refuse = true });
        Assert.Equal(CloseCodes.TooSlow, slow.Deliver(new byte[10], reliable: true));
    }

    [Fact]
    public void Inbound_frames_are_acknowledged_at_the_threshold_as_overtaking_acks_and_on_the_tick()
    {
        var session = new ClientSession(2, Limits);
        var socket = new RecordingConnection();
        session.Attach(socket);
        session.CountInbound(5);
        session.CountInbound(5);
        Assert.Empty(socket.Sent);
        session.CountInbound(5);
        Assert.Equal(new[] { "ack:3" }, socket.Described());
        Assert.Equal(OutboundKind.Ack, socket.Kinds[0]);

        session.AckIfBehind();
        Assert.Single(socket.Sent);
        session.CountInbound(5);
        session.AckIfBehind();
        Assert.Equal(new[] { "ack:3", "ack:4" }, socket.Described());
    }

    [Fact]
    public void A_second_window_replaces_the_first_and_ending_the_session_cancels_it_and_forgets_what_was_kept()
    {
        var session = new ClientSession(2, Limits);
        session.Deliver(Frame(1), reliable: true);
        var first = new Window();
        var second = new Window();
        session.OpenWindow(() => first);
        session.OpenWindow(() => second);
        Assert.True(first.Disposed);
        Assert.False(second.Disposed);
        Assert.True(session.HasReconnectionWindow);

        session.End();
        Assert.True(second.Disposed);
        Assert.False(session.HasReconnectionWindow);
        Assert.Equal(0, session.Outbox.Count);
    }

    [Fact]
    public void A_resume_cancels_the_window()
    {
        var session = new ClientSession(2, Limits);
        var window = new Window();
        session.OpenWindow(() => window);
        Assert.Equal(ResumeOutcome.Resumed, session.Resume(new RecordingConnection(), ack: 0, "c1", "t"));
        Assert.True(window.Disposed);
    }

    [Fact]
    public void Detach_counts_drops()
    {
        var session = new ClientSession(2, Limits);
        session.Attach(new RecordingConnection());
        session.Detach();
        session.Attach(new RecordingConnection());
        session.Detach();
        Assert.Equal(2, session.DropGeneration);
    }

    private static byte[] Frame(byte marker) => new[] { (byte)FrameType.Binary, marker };

    private sealed class Window : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class RecordingConnection : IClientConnection
    {
        public List<byte[]> Sent { get; } = new();

        public List<OutboundKind> Kinds { get; } = new();

        public bool Refuse { get; init; }

        public int ProtocolVersion => 2;

        public string Description => "recording";

        public long BufferedAmount => 0;

        public bool IsClosed => false;

        public RoomClient? Client { get; set; }

        public SendOutcome Send(byte[] frame, OutboundKind kind = OutboundKind.Reliable)
        {
            if (Refuse)
            {
                return SendOutcome.OverBudget;
            }

            Sent.Add(frame);
            Kinds.Add(kind);
            return SendOutcome.Queued;
        }

        public void Admit()
        {
        }

        public void Close(int code, string reason)
        {
        }

        public void Abort()
        {
        }

        public void MessageProcessed()
        {
        }

        public string[] Described() => Sent.Select(frame => frame[0] == (byte)FrameType.Protocol
            ? ProtocolMessageCodec.Decode(frame.AsSpan(1)) switch
            {
                AckMessage ack => "ack:" + ack.Seq,
                SessionMessage session => "session:" + session.Token,
                var other => other.ToString()!,
            }
            : "data:" + frame[1]).ToArray();
    }
}
