namespace Gatho.Protocol.Framing;

/// <summary>
/// Byte 0 of every Gatho WebSocket message. Every message is sent as a binary WebSocket frame; text versus binary is
/// carried by this byte, not by the WebSocket opcode (as gatho).
/// </summary>
public enum FrameType : byte
{
    /// <summary>A packcat-encoded protocol message (<c>session</c>, <c>auth_error</c>, <c>leave</c>, <c>ack</c>).</summary>
    Protocol = 0x00,

    /// <summary>Reliable user text: the rest is UTF-8.</summary>
    Text = 0x01,

    /// <summary>Reliable user binary: the rest is raw bytes.</summary>
    Binary = 0x02,

    /// <summary>Protocol v2 only: unreliable user text, never numbered, never buffered, may be dropped.</summary>
    UnreliableText = 0x03,

    /// <summary>Protocol v2 only: unreliable user binary, never numbered, never buffered, may be dropped.</summary>
    UnreliableBinary = 0x04,
}

/// <summary>Facts about <see cref="FrameType"/> values.</summary>
public static class FrameTypes
{
    /// <summary>True for user frames that are numbered and kept until acknowledged (<c>0x01</c>, <c>0x02</c>).</summary>
    public static bool IsReliable(this FrameType type) => type is FrameType.Text or FrameType.Binary;

    /// <summary>True for user frames carrying UTF-8 text.</summary>
    public static bool IsText(this FrameType type) => type is FrameType.Text or FrameType.UnreliableText;

    /// <summary>True for any user frame (not a protocol message).</summary>
    public static bool IsUser(this FrameType type) => type is >= FrameType.Text and <= FrameType.UnreliableBinary;

    /// <summary>The user frame type for a message of the given kind and delivery.</summary>
    public static FrameType ForUser(bool text, bool reliable) => (text, reliable) switch
    {
        (true, true) => FrameType.Text,
        (false, true) => FrameType.Binary,
        (true, false) => FrameType.UnreliableText,
        (false, false) => FrameType.UnreliableBinary,
    };
}
