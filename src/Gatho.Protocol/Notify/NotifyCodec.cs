using System.Buffers;
using System.Buffers.Binary;
using Gatho.Protocol.Errors;
using Gatho.Protocol.Packcat;

namespace Gatho.Protocol.Notify;

/// <summary>
/// packcat encoding of notify messages (gatho-behaviour §6.3), so a Gatho.NET server could host a gatho room and the
/// byte examples there hold. Fields go in sorted key order; optional fields carry a flag byte.
/// </summary>
public static class NotifyCodec
{
    /// <summary>Size of the big-endian length prefix of a notify frame.</summary>
    public const int LengthPrefixSize = 4;

    /// <summary>Writes the packcat payload of <paramref name="message"/> (no length prefix).</summary>
    public static void EncodePayload(NotifyMessage message, IBufferWriter<byte> output)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        var writer = new PackcatWriter(output);
        writer.WriteVarUInt((uint)message.Kind);
        switch (message)
        {
            case ReadyNotify ready:
                writer.WriteUInt16(ready.Port);
                break;
            case HeartbeatNotify heartbeat:
                writer.WriteVarUInt((uint)heartbeat.Clients.Count);
                foreach (var client in heartbeat.Clients)
                {
                    writer.WriteString(client.ClientId);
                    writer.WriteStringRecord(client.Tags);
                }

                writer.WriteOptionalFlag(heartbeat.Metrics is not null);
                if (heartbeat.Metrics is { } m)
                {
                    writer.WriteFloat64(m.CpuSystem);
                    writer.WriteFloat64(m.CpuUser);
                    writer.WriteFloat64(m.MemoryHeapTotal);
                    writer.WriteFloat64(m.MemoryHeapUsed);
                    writer.WriteFloat64(m.MemoryRss);
                }

                writer.WriteFloat64(heartbeat.Timestamp);
                break;
            case ClientConnectedNotify connected:
                writer.WriteString(connected.ClientId);
                writer.WriteString(connected.RoomId);
                writer.WriteStringRecord(connected.Tags);
                break;
            case ClientDisconnectedNotify disconnected:
                writer.WriteString(disconnected.ClientId);
                break;
            case ErrorNotify error:
                writer.WriteString(error.Message);
                break;
            case StoppedNotify:
                break;
            case RoomTagsNotify roomTags:
                // Fields in sorted key order, as the other messages: remove (a list), then set (a record).
                writer.WriteVarUInt((uint)roomTags.Remove.Count);
                foreach (var key in roomTags.Remove)
                {
                    writer.WriteString(key);
                }

                writer.WriteStringRecord(roomTags.Set);
                break;
            case RoomLockNotify roomLock:
                writer.WriteOptionalFlag(roomLock.Locked);
                break;
            default:
                throw new ArgumentException($"unknown notify message type {message.GetType().Name}", nameof(message));
        }
    }

    /// <summary>Returns a complete notify frame: 4-byte big-endian payload length, then the payload.</summary>
    public static byte[] EncodeFrame(NotifyMessage message)
    {
        var buffer = new ByteBufferWriter(64);
        buffer.Advance(LengthPrefixSize);
        EncodePayload(message, buffer);
        var frame = buffer.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frame.Length - LengthPrefixSize));
        return frame;
    }

    /// <summary>Decodes a payload without throwing; trailing bytes are an error.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out NotifyMessage? message, out string? error)
    {
        var reader = new PackcatReader(payload);
        var index = reader.ReadVarUInt();
        message = null;
        if (!reader.Failed)
        {
            message = (NotifyMessageKind)index switch
            {
                NotifyMessageKind.Ready => new ReadyNotify(reader.ReadUInt16()),
                NotifyMessageKind.Heartbeat => ReadHeartbeat(ref reader),
                NotifyMessageKind.ClientConnected => new ClientConnectedNotify(reader.ReadString(), reader.ReadString(), reader.ReadStringRecord()),
                NotifyMessageKind.ClientDisconnected => new ClientDisconnectedNotify(reader.ReadString()),
                NotifyMessageKind.Error => new ErrorNotify(reader.ReadString()),
                NotifyMessageKind.Stopped => StoppedNotify.Instance,
                NotifyMessageKind.RoomTags => ReadRoomTags(ref reader),
                NotifyMessageKind.RoomLock => new RoomLockNotify(reader.ReadOptionalFlag()),
                _ => Unknown(ref reader, index),
            };
        }

        reader.ExpectEnd();
        error = reader.Error;
        if (error is not null)
        {
            message = null;
            return false;
        }

        return true;
    }

    /// <summary>Decodes a payload or throws <see cref="GathoProtocolException"/> (the only exception it raises).</summary>
    public static NotifyMessage Decode(ReadOnlySpan<byte> payload)
    {
        if (!TryDecode(payload, out var message, out var error))
        {
            throw new GathoProtocolException($"malformed notify message: {error}");
        }

        return message!;
    }

    private static HeartbeatNotify ReadHeartbeat(ref PackcatReader reader)
    {
        // A client takes at least 2 bytes: an id length and a record count.
        var count = reader.ReadCount(2);
        var clients = new List<HeartbeatClient>(count);
        for (var i = 0; i < count && !reader.Failed; i++)
        {
            clients.Add(new HeartbeatClient(reader.ReadString(), reader.ReadStringRecord()));
        }

        ProcessMetrics? metrics = null;
        if (reader.ReadOptionalFlag())
        {
            metrics = new ProcessMetrics(reader.ReadFloat64(), reader.ReadFloat64(), reader.ReadFloat64(), reader.ReadFloat64(), reader.ReadFloat64());
        }

        return new HeartbeatNotify(clients, metrics, reader.ReadFloat64());
    }

    private static RoomTagsNotify ReadRoomTags(ref PackcatReader reader)
    {
        // A key takes at least its length byte.
        var count = reader.ReadCount(1);
        var remove = new List<string>(count);
        for (var i = 0; i < count && !reader.Failed; i++)
        {
            remove.Add(reader.ReadString());
        }

        return new RoomTagsNotify(reader.ReadStringRecord(), remove);
    }

    private static NotifyMessage? Unknown(ref PackcatReader reader, uint index)
    {
        reader.Fail($"unknown notify message index {index}");
        return null;
    }
}
