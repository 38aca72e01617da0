using System.Buffers;
using System.Buffers.Binary;
using Gatho.Protocol.Errors;
using Gatho.Protocol.Packcat;

namespace Gatho.Protocol.Notify;

/// <summary>
/// Server → room messages on the notify channel (a Gatho.NET addition; gatho's channel is one-way). Same framing as
/// notify messages: 4-byte big-endian length, then a packcat union.
/// </summary>
public abstract record RoomCommand
{
    private protected RoomCommand()
    {
    }
}

/// <summary>
/// Asks the room to stop gracefully: run <c>OnShutdown</c>, <c>OnLeave</c> for every client, close every socket with
/// 1001 and <paramref name="Reason"/> (e.g. <c>server draining, rejoin</c>), then exit. Union index 0.
/// </summary>
public sealed record StopRoomCommand(string Reason) : RoomCommand;

/// <summary>Encodes and decodes <see cref="RoomCommand"/> frames.</summary>
public static class RoomCommandCodec
{
    /// <summary>Returns a complete frame: length prefix, then the packcat payload.</summary>
    public static byte[] EncodeFrame(RoomCommand command)
    {
        var buffer = new ByteBufferWriter(32);
        buffer.Advance(NotifyCodec.LengthPrefixSize);
        var writer = new PackcatWriter(buffer);
        switch (command)
        {
            case StopRoomCommand stop:
                writer.WriteVarUInt(0);
                writer.WriteString(stop.Reason);
                break;
            default:
                throw new ArgumentException($"unknown room command {command?.GetType().Name ?? "null"}", nameof(command));
        }

        var frame = buffer.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frame.Length - NotifyCodec.LengthPrefixSize));
        return frame;
    }

    /// <summary>Decodes a payload without throwing.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out RoomCommand? command, out string? error)
    {
        var reader = new PackcatReader(payload);
        var index = reader.ReadVarUInt();
        command = null;
        if (!reader.Failed)
        {
            if (index == 0)
            {
                command = new StopRoomCommand(reader.ReadString());
            }
            else
            {
                reader.Fail($"unknown room command index {index}");
            }
        }

        reader.ExpectEnd();
        error = reader.Error;
        if (error is not null)
        {
            command = null;
            return false;
        }

        return true;
    }

    /// <summary>Decodes a payload or throws <see cref="GathoProtocolException"/>.</summary>
    public static RoomCommand Decode(ReadOnlySpan<byte> payload) =>
        TryDecode(payload, out var command, out var error) ? command! : throw new GathoProtocolException($"malformed room command: {error}");
}
