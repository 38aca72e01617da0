using System.Buffers.Binary;
using System.Diagnostics;

namespace Gatho.LoadTest.Scenarios;

/// <summary>
/// The built-in scenarios' message: <c>[op][sender:int32][seq:int32][sent:int64 Stopwatch ticks][padding]</c>,
/// little-endian. The reference room broadcasts a message whose op is <c>B</c> and echoes any other, as the SignalR
/// baseline hub's <c>Broadcast</c> and <c>Echo</c> do.
/// </summary>
public static class Payload
{
    /// <summary>Bytes the header takes; smaller messages cannot carry it.</summary>
    public const int HeaderBytes = 17;

    /// <summary>Op byte: the room sends the message back to its sender.</summary>
    public const byte Echo = (byte)'E';

    /// <summary>Op byte: the room sends the message to every client.</summary>
    public const byte Broadcast = (byte)'B';

    /// <summary>A new message of <paramref name="size"/> bytes (at least <see cref="HeaderBytes"/>), stamped now.</summary>
    public static byte[] Create(int size, byte op, int sender, int seq)
    {
        var message = new byte[Math.Max(size, HeaderBytes)];
        Stamp(message, op, sender, seq);
        return message;
    }

    /// <summary>Writes the header into <paramref name="message"/>, stamped now.</summary>
    public static void Stamp(Span<byte> message, byte op, int sender, int seq)
    {
        message[0] = op;
        BinaryPrimitives.WriteInt32LittleEndian(message[1..], sender);
        BinaryPrimitives.WriteInt32LittleEndian(message[5..], seq);
        BinaryPrimitives.WriteInt64LittleEndian(message[9..], Stopwatch.GetTimestamp());
    }

    /// <summary>Reads a header; false when the message is too short to be one of ours.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out int sender, out int seq, out long sentTicks)
    {
        if (message.Length < HeaderBytes)
        {
            sender = seq = 0;
            sentTicks = 0;
            return false;
        }

        sender = BinaryPrimitives.ReadInt32LittleEndian(message[1..]);
        seq = BinaryPrimitives.ReadInt32LittleEndian(message[5..]);
        sentTicks = BinaryPrimitives.ReadInt64LittleEndian(message[9..]);
        return true;
    }
}
