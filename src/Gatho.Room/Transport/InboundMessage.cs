using Gatho.Protocol.Closing;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;

namespace Gatho.Room.Transport;

/// <summary>
/// A received WebSocket message, decoded off the room thread: a user message, a protocol message, or a violation that
/// closes the connection (empty frame, unknown type byte, undecodable protocol message, invalid UTF-8).
/// </summary>
internal readonly struct InboundMessage
{
    private InboundMessage(FrameType type, RoomMessage user, ProtocolMessage? protocol, int violationCode, string? violation, int wireBytes)
    {
        Type = type;
        User = user;
        Protocol = protocol;
        ViolationCode = violationCode;
        Violation = violation;
        WireBytes = wireBytes;
    }

    public FrameType Type { get; }

    public RoomMessage User { get; }

    public ProtocolMessage? Protocol { get; }

    /// <summary>Close code to use when <see cref="Violation"/> is set.</summary>
    public int ViolationCode { get; }

    /// <summary>What was wrong with the message, or null.</summary>
    public string? Violation { get; }

    public int WireBytes { get; }

    public static InboundMessage TooBig(int size, int limit) =>
        new(default, default, null, CloseCodes.MessageTooBig, $"message of at least {size} bytes is over the {limit}-byte limit", size);

    /// <summary>Decodes a complete WebSocket message. Binary payloads are copied: the room owns them after this.</summary>
    public static InboundMessage Decode(ReadOnlySpan<byte> message, int protocolVersion)
    {
        var error = FrameCodec.TryDecode(message, protocolVersion, out var type, out var payload);
        switch (error)
        {
            case FrameError.Empty:
                return Violate("empty frame", message.Length);
            case FrameError.UnknownType:
                return Violate($"unknown frame type 0x{message[0]:X2} for protocol v{protocolVersion}", message.Length);
        }

        switch (type)
        {
            case FrameType.Protocol:
                return ProtocolMessageCodec.TryDecode(payload, out var protocol, out var problem)
                    ? new InboundMessage(type, default, protocol, 0, null, message.Length)
                    : Violate($"undecodable protocol message: {problem}", message.Length);
            case FrameType.Text:
            case FrameType.UnreliableText:
                return FrameCodec.TryDecodeText(payload, out var text)
                    ? new InboundMessage(type, RoomMessage.FromText(text, type.IsReliable()), null, 0, null, message.Length)
                    : Violate("text frame is not valid UTF-8", message.Length);
            default:
                return new InboundMessage(type, RoomMessage.FromBytes(payload.ToArray(), type.IsReliable()), null, 0, null, message.Length);
        }
    }

    public static InboundMessage Violate(string reason, int size) =>
        new(default, default, null, CloseCodes.ProtocolError, reason, size);
}
