using System.Buffers;
using Gatho.Protocol.Errors;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Packcat;

namespace Gatho.Protocol.Messages;

/// <summary>
/// packcat encoding of protocol messages, byte-compatible with gatho's JavaScript side: a varuint union index, then the
/// variant's fields in sorted key order (<c>session</c> writes <c>clientId</c> before <c>token</c>).
/// </summary>
public static class ProtocolMessageCodec
{
    /// <summary>Writes the message's packcat payload (without the <c>0x00</c> frame byte).</summary>
    public static void EncodePayload(ProtocolMessage message, IBufferWriter<byte> output)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        var writer = new PackcatWriter(output);
        writer.WriteVarUInt((uint)message.Kind);
        switch (message)
        {
            case SessionMessage session:
                writer.WriteString(session.ClientId);
                writer.WriteString(session.Token);
                break;
            case AuthErrorMessage authError:
                writer.WriteString(authError.Error);
                break;
            case LeaveMessage:
                break;
            case AckMessage ack:
                writer.WriteVarUInt(ack.Seq);
                break;
            default:
                throw new ArgumentException($"unknown protocol message type {message.GetType().Name}", nameof(message));
        }
    }

    /// <summary>Returns a complete WebSocket message: the <c>0x00</c> frame byte, then the packcat payload.</summary>
    public static byte[] EncodeFrame(ProtocolMessage message)
    {
        var buffer = new ByteBufferWriter(32);
        buffer.GetSpan(1)[0] = (byte)FrameType.Protocol;
        buffer.Advance(1);
        EncodePayload(message, buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Decodes a payload (the bytes after the <c>0x00</c> frame byte). Never throws: on bad input returns false with
    /// the reason in <paramref name="error"/>. Trailing bytes are an error.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out ProtocolMessage? message, out string? error)
    {
        var reader = new PackcatReader(payload);
        var index = reader.ReadVarUInt();
        message = null;
        if (!reader.Failed)
        {
            switch ((ProtocolMessageKind)index)
            {
                case ProtocolMessageKind.Session:
                    var clientId = reader.ReadString();
                    var token = reader.ReadString();
                    message = new SessionMessage(clientId, token);
                    break;
                case ProtocolMessageKind.AuthError:
                    message = new AuthErrorMessage(reader.ReadString());
                    break;
                case ProtocolMessageKind.Leave:
                    message = LeaveMessage.Instance;
                    break;
                case ProtocolMessageKind.Ack:
                    message = new AckMessage(reader.ReadVarUInt());
                    break;
                default:
                    reader.Fail($"unknown protocol message index {index}");
                    break;
            }
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
    public static ProtocolMessage Decode(ReadOnlySpan<byte> payload)
    {
        if (!TryDecode(payload, out var message, out var error))
        {
            throw new GathoProtocolException($"malformed protocol message: {error}");
        }

        return message!;
    }
}
