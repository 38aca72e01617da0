using System.Buffers;
using MessagePack;
using MessagePack.Formatters;

namespace Gatho.Typed;

/// <summary>
/// The wire of a typed message (DESIGN D11): the payload of a user binary frame is a MessagePack array
/// <c>[id, body]</c>, <c>id</c> an unsigned integer and <c>body</c> the message as an array of its members. Generated
/// code calls these; they are public so hand-written tools can speak the same wire.
/// </summary>
public static class MessageEnvelope
{
    /// <summary>
    /// Generated formatters never read their options (they call each other directly), and creating any
    /// <see cref="MessagePackSerializerOptions"/> runs its static initializer, which roots MessagePack's run-time code
    /// generation and makes NativeAOT publishing warn (IL2104/IL3053). So the options passed around are this null.
    /// </summary>
    public static readonly MessagePackSerializerOptions? NoOptions;

    /// <summary>Writes <c>[id, body]</c> into <paramref name="buffer"/>.</summary>
    public static void Write<T>(IBufferWriter<byte> buffer, uint id, T message, IMessagePackFormatter<T> formatter)
    {
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.Write(id);
        formatter.Serialize(ref writer, message, NoOptions!);
        writer.Flush();
    }

    /// <summary>
    /// Reads the envelope's header and leaves <paramref name="reader"/> at the body. False (reader state undefined) when
    /// the payload is not an array of at least two elements starting with an unsigned 32-bit integer.
    /// </summary>
    public static bool TryReadHeader(ref MessagePackReader reader, out uint id, out int trailingElements)
    {
        id = 0;
        trailingElements = 0;
        try
        {
            if (reader.End || reader.NextMessagePackType != MessagePackType.Array)
            {
                return false;
            }

            var count = reader.ReadArrayHeader();
            if (count < 2 || reader.NextMessagePackType != MessagePackType.Integer)
            {
                return false;
            }

            id = reader.ReadUInt32();
            trailingElements = count - 2;
            return true;
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads a body with <paramref name="formatter"/> and checks that nothing but skippable trailing envelope elements
    /// follows. Any decoding failure becomes an <see cref="InvalidMessageException"/> naming <paramref name="id"/>.
    /// </summary>
    public static T ReadBody<T>(ref MessagePackReader reader, uint id, int trailingElements, IMessagePackFormatter<T> formatter)
    {
        try
        {
            var message = formatter.Deserialize(ref reader, NoOptions!);
            for (var i = 0; i < trailingElements; i++)
            {
                reader.Skip();
            }

            if (!reader.End)
            {
                throw new InvalidMessageException($"message {id} ({typeof(T).Name}) has bytes after its envelope");
            }

            return message;
        }
        catch (Exception e) when (e is not InvalidMessageException)
        {
            throw new InvalidMessageException($"message {id} ({typeof(T).Name}) has an undecodable body: {e.Message}", e);
        }
    }

    /// <summary>An unknown id: the exception generated dispatch throws.</summary>
    public static InvalidMessageException UnknownId(uint id, string roomType) =>
        new($"unknown message id {id} for room type {roomType}");

    /// <summary>A payload that is not <c>[id, body]</c>.</summary>
    public static InvalidMessageException NotAnEnvelope(int length) =>
        new($"binary message of {length} bytes is not a typed message ([id, body])");
}
