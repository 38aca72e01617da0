using System.Text;
using Gatho.Room.Tests.Support;

namespace Gatho.Room.Tests.Abuse;

/// <summary>
/// Makes WebSocket frames for one fuzzing connection: mostly well-formed but random user frames (random type of text,
/// binary, unreliable, acks of nothing, pings, fragmented messages), and now and then one that must end the connection
/// (unknown type bytes, truncated protocol messages, acks with absurd numbers, invalid UTF-8, empty or text-opcode
/// frames, oversized messages, v2 types on v1, bit-flipped frames, garbage that is not WebSocket at all).
/// </summary>
internal sealed class FrameFuzzer
{
    private const int Oversized = (1024 * 1024) + 1;

    private readonly Random random;
    private readonly int version;

    public FrameFuzzer(Random random, int version)
    {
        this.random = random;
        this.version = version;
    }

    /// <summary>
    /// Appends the wire bytes of one or more frames (a fragmented message is several) to <paramref name="into"/>;
    /// returns how many WebSocket frames, and whether the connection should now be given up.
    /// </summary>
    public (int Frames, bool Ends) Next(RawWebSocket socket, List<byte> into)
    {
        var roll = random.Next(1000);
        if (roll >= 997)
        {
            return (1, AppendHostile(socket, into));
        }

        switch (random.Next(8))
        {
            case 0:
                into.AddRange(socket.Encode(Text(0x01)));
                return (1, false);
            case 1:
                into.AddRange(socket.Encode(Binary(0x02)));
                return (1, false);
            case 2:
                into.AddRange(socket.Encode(version == 2 ? Text(0x03) : Text(0x01)));
                return (1, false);
            case 3:
                into.AddRange(socket.Encode(version == 2 ? Binary(0x04) : Binary(0x02)));
                return (1, false);
            case 4:
                // v2 ack of nothing the room sent (seq 0 is always valid); on v1 an ack is ignored.
                into.AddRange(socket.Encode(new byte[] { 0x00, 0x03, 0x00 }));
                return (1, false);
            case 5:
                into.AddRange(socket.Encode(Binary(0x02, 16), opcode: 0x9));
                return (1, false);
            default:
                return (AppendFragmented(socket, into), false);
        }
    }

    private int AppendFragmented(RawWebSocket socket, List<byte> into)
    {
        var message = Binary(0x02, 200);
        var parts = random.Next(2, 5);
        var at = 0;
        for (var i = 0; i < parts; i++)
        {
            var length = i == parts - 1 ? message.Length - at : random.Next(0, (message.Length - at) + 1);
            into.AddRange(socket.Encode(message.AsSpan(at, length), opcode: i == 0 ? 0x2 : 0x0, fin: i == parts - 1));
            at += length;
        }

        return parts;
    }

    private bool AppendHostile(RawWebSocket socket, List<byte> into)
    {
        switch (random.Next(10))
        {
            case 0:
                into.AddRange(socket.Encode(new[] { (byte)random.Next(0x05, 0x100) }.Concat(Binary(0x00, 8).Skip(1)).ToArray()));
                break;
            case 1:
                // A protocol message cut short: a session (index 0) whose string length runs past the end.
                into.AddRange(socket.Encode(new byte[] { 0x00, 0x00, (byte)random.Next(5, 120), 0x61 }));
                break;
            case 2:
                // An ack for a frame far beyond anything sent: varuint 2^35-ish.
                into.AddRange(socket.Encode(new byte[] { 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }));
                break;
            case 3:
                into.AddRange(socket.Encode(new byte[] { 0x01, 0xC3, 0x28, 0xFF }));
                break;
            case 4:
                into.AddRange(socket.Encode(Array.Empty<byte>()));
                break;
            case 5:
                into.AddRange(socket.Encode(Text(0x01), opcode: 0x1));
                break;
            case 6:
                if (random.Next(10) == 0)
                {
                    var big = new byte[Oversized];
                    big[0] = 0x02;
                    into.AddRange(socket.Encode(big));
                }
                else
                {
                    into.AddRange(socket.Encode(version == 1 ? Text(0x03) : new byte[] { 0x07 }));
                }

                break;
            case 7:
            case 8:
                var frame = socket.Encode(Binary(0x02, 32));
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    frame[random.Next(frame.Length)] ^= (byte)(1 << random.Next(8));
                }

                into.AddRange(frame);
                break;
            default:
                var garbage = new byte[random.Next(1, 64)];
                random.NextBytes(garbage);
                into.AddRange(garbage);
                break;
        }

        return true;
    }

    private byte[] Text(byte type)
    {
        var length = random.Next(0, 48);
        var text = new StringBuilder(length + 1);
        for (var i = 0; i < length; i++)
        {
            text.Append((char)random.Next(0x20, 0x7F));
        }

        if (random.Next(8) == 0)
        {
            text.Append("é✓😀");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var frame = new byte[bytes.Length + 1];
        frame[0] = type;
        bytes.CopyTo(frame, 1);
        return frame;
    }

    private byte[] Binary(byte type, int max = 64)
    {
        var frame = new byte[random.Next(1, max + 1) + 1];
        random.NextBytes(frame);
        frame[0] = type;
        if (frame.Length > 1 && frame[1] == (byte)'E')
        {
            frame[1] = (byte)'e'; // never ask the abuse room for an echo
        }

        return frame;
    }
}
