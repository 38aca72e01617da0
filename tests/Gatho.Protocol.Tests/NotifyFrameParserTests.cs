using System.Buffers;
using Gatho.Protocol.Errors;
using Gatho.Protocol.Notify;

namespace Gatho.Protocol.Tests;

public class NotifyFrameParserTests
{
    private static readonly NotifyMessage[] Stream =
    {
        new ReadyNotify(4242),
        new ClientConnectedNotify("c1", "r1", new Dictionary<string, string> { ["team"] = "red" }),
        new HeartbeatNotify(new[] { new HeartbeatClient("c1", new Dictionary<string, string>()) }, null, 5.5),
        new ClientDisconnectedNotify("c1"),
        StoppedNotify.Instance,
    };

    private static byte[] AllFrames() => Stream.SelectMany(NotifyCodec.EncodeFrame).ToArray();

    [Fact]
    public void Several_frames_in_one_read_come_out_in_order()
    {
        var parser = new NotifyFrameParser();
        parser.Append(AllFrames());
        AssertStream(Drain(parser));
        Assert.Equal(0, parser.BufferedBytes);
    }

    [Fact]
    public void Byte_at_a_time_delivery_yields_the_same_frames()
    {
        var parser = new NotifyFrameParser();
        var frames = new List<NotifyMessage>();
        foreach (var b in AllFrames())
        {
            parser.Append(new[] { b });
            frames.AddRange(Drain(parser));
        }

        AssertStream(frames);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Length_prefix_split_across_reads_is_reassembled(int firstChunk)
    {
        var bytes = AllFrames();
        var parser = new NotifyFrameParser();
        parser.Append(bytes.AsSpan(0, firstChunk));
        var frames = Drain(parser);
        parser.Append(bytes.AsSpan(firstChunk));
        frames.AddRange(Drain(parser));
        AssertStream(frames);
    }

    [Fact]
    public void Partial_frame_waits_for_the_rest()
    {
        var frame = NotifyCodec.EncodeFrame(new ErrorNotify("boom"));
        var parser = new NotifyFrameParser();
        parser.Append(frame.AsSpan(0, frame.Length - 1));
        Assert.False(parser.TryReadFrame(out _));
        parser.Append(frame.AsSpan(frame.Length - 1));
        Assert.True(parser.TryReadFrame(out var payload));
        Assert.Equal(new ErrorNotify("boom"), NotifyCodec.Decode(payload.Span));
    }

    [Fact]
    public void A_frame_at_the_bound_is_accepted_and_one_over_is_rejected_from_its_prefix()
    {
        var parser = new NotifyFrameParser(maxFrameBytes: 8);
        parser.Append(new byte[] { 0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8 });
        Assert.True(parser.TryReadFrame(out var payload));
        Assert.Equal(8, payload.Length);

        // Only the prefix has arrived: the frame is refused before its bytes are buffered.
        parser.Append(new byte[] { 0, 0, 0, 9 });
        var error = Assert.Throws<GathoProtocolException>(() => parser.TryReadFrame(out _));
        Assert.Contains("9 bytes", error.Message);

        // Once failed, it stays failed.
        Assert.Throws<GathoProtocolException>(() => parser.Append(new byte[] { 1 }));
        Assert.Throws<GathoProtocolException>(() => parser.TryReadFrame(out _));
    }

    [Fact]
    public void A_four_gigabyte_length_prefix_is_rejected()
    {
        var parser = new NotifyFrameParser();
        parser.Append(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF });
        Assert.Throws<GathoProtocolException>(() => parser.TryReadFrame(out _));
    }

    [Fact]
    public void Zero_length_frame_is_returned_as_an_empty_payload()
    {
        var parser = new NotifyFrameParser();
        parser.Append(new byte[4]);
        Assert.True(parser.TryReadFrame(out var payload));
        Assert.True(payload.IsEmpty);
    }

    [Fact]
    public void Bound_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NotifyFrameParser(0));
    }

    [Fact]
    public void Pipelines_reader_slices_frames_and_leaves_partial_ones()
    {
        var bytes = AllFrames();
        var sequence = new ReadOnlySequence<byte>(bytes, 0, bytes.Length - 2);
        var frames = new List<NotifyMessage>();
        while (NotifyFrameParser.TryReadFrame(ref sequence, 1024, out var payload))
        {
            frames.Add(NotifyCodec.Decode(payload.ToArray()));
        }

        Assert.Equal(Stream.Length - 1, frames.Count);
        Assert.Equal(NotifyCodec.EncodeFrame(StoppedNotify.Instance).Length - 2, (int)sequence.Length);
        var tooBig = new ReadOnlySequence<byte>(new byte[] { 0, 0, 4, 1 });
        Assert.Throws<GathoProtocolException>(() => NotifyFrameParser.TryReadFrame(ref tooBig, 1024, out _));
    }

    private static List<NotifyMessage> Drain(NotifyFrameParser parser)
    {
        var frames = new List<NotifyMessage>();
        while (parser.TryReadFrame(out var payload))
        {
            frames.Add(NotifyCodec.Decode(payload.Span));
        }

        return frames;
    }

    private static void AssertStream(List<NotifyMessage> frames)
    {
        Assert.Equal(Stream.Select(NotifyCodecTests.Describe), frames.Select(NotifyCodecTests.Describe));
    }
}
