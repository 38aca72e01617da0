using BenchmarkDotNet.Attributes;
using Gatho.Protocol;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Room.Transport;

namespace Gatho.Benchmarks;

/// <summary>Per-message codec costs: what every inbound and outbound frame pays.</summary>
[MemoryDiagnoser]
public class FrameBenchmarks
{
    private readonly byte[] textFrame = FrameCodec.EncodeText(FrameType.Text, "{\"type\":\"move\",\"x\":12.5,\"y\":-3.25,\"tick\":10492}");
    private readonly byte[] binaryFrame = FrameCodec.Encode(FrameType.Binary, new byte[64]);
    private readonly byte[] ackFrame = ProtocolMessageCodec.EncodeFrame(new AckMessage(123456));
    private readonly byte[] destination = new byte[256];
    private const string Text = "{\"type\":\"move\",\"x\":12.5,\"y\":-3.25,\"tick\":10492}";

    [Benchmark(Baseline = true, Description = "header only (FrameCodec.TryDecode)")]
    public int DecodeHeader()
    {
        FrameCodec.TryDecode(textFrame, ProtocolVersions.V2, out _, out var payload);
        return payload.Length;
    }

    [Benchmark(Description = "inbound text message (room decode)")]
    public bool DecodeInboundText() => InboundMessage.Decode(textFrame, ProtocolVersions.V2).User.IsText;

    [Benchmark(Description = "inbound 64-byte binary message (room decode, copies payload)")]
    public int DecodeInboundBinary() => InboundMessage.Decode(binaryFrame, ProtocolVersions.V2).User.Data.Length;

    [Benchmark(Description = "inbound ack (protocol message)")]
    public bool DecodeInboundAck() => InboundMessage.Decode(ackFrame, ProtocolVersions.V2).Protocol is AckMessage;

    [Benchmark(Description = "encode text frame into a span (no allocation)")]
    public int EncodeTextIntoSpan() => FrameCodec.EncodeText(FrameType.Text, Text, destination);

    [Benchmark(Description = "encode text frame (allocates the frame)")]
    public int EncodeText() => FrameCodec.EncodeText(FrameType.Text, Text).Length;
}
