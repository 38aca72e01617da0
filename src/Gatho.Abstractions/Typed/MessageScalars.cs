using System.Buffers;
using System.Globalization;
using MessagePack;

namespace Gatho.Typed;

/// <summary>
/// Encodings generated formatters share for values MessagePack has no single native form for, plus the nesting guard.
/// Guid and decimal travel as strings (as MessagePack-CSharp's standard formatters write them), TimeSpan as ticks,
/// DateTimeOffset as <c>[utc timestamp, offset minutes]</c>, byte arrays as bin.
/// </summary>
public static class MessageScalars
{
    /// <summary>How deeply objects may nest in one message: a hostile payload cannot exhaust the room's stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Enters one nesting level; throws past <see cref="MaxDepth"/>.</summary>
    public static void Enter(ref MessagePackReader reader)
    {
        if (++reader.Depth > MaxDepth)
        {
            throw new InvalidMessageException($"message nests deeper than {MaxDepth} levels");
        }
    }

    /// <summary>Leaves one nesting level.</summary>
    public static void Leave(ref MessagePackReader reader) => reader.Depth--;

    /// <summary>A new array of <paramref name="count"/> elements (MessagePack has checked the count against the payload).</summary>
    public static T[] NewArray<T>(int count) => count == 0 ? Array.Empty<T>() : new T[count];

    /// <summary>Writes a byte array as bin (nil for null).</summary>
    public static void WriteBytes(ref MessagePackWriter writer, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        writer.Write(value.AsSpan());
    }

    /// <summary>Reads bin (or nil) as a byte array.</summary>
    public static byte[]? ReadBytes(ref MessagePackReader reader) => reader.ReadBytes() is { } sequence ? sequence.ToArray() : null;

    /// <summary>Writes a Guid as its 36-character string.</summary>
    public static void WriteGuid(ref MessagePackWriter writer, Guid value) => writer.Write(value.ToString("D"));

    /// <summary>Reads a Guid string.</summary>
    public static Guid ReadGuid(ref MessagePackReader reader) => Guid.Parse(reader.ReadString() ?? throw new InvalidMessageException("a Guid was nil"));

    /// <summary>Writes a decimal as its invariant string (lossless).</summary>
    public static void WriteDecimal(ref MessagePackWriter writer, decimal value) => writer.Write(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Reads a decimal string.</summary>
    public static decimal ReadDecimal(ref MessagePackReader reader) =>
        decimal.Parse(reader.ReadString() ?? throw new InvalidMessageException("a decimal was nil"), NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>Writes a TimeSpan as its ticks.</summary>
    public static void WriteTimeSpan(ref MessagePackWriter writer, TimeSpan value) => writer.Write(value.Ticks);

    /// <summary>Reads a TimeSpan from ticks.</summary>
    public static TimeSpan ReadTimeSpan(ref MessagePackReader reader) => new(reader.ReadInt64());

    /// <summary>Writes a DateTimeOffset as <c>[utc timestamp, offset minutes]</c>.</summary>
    public static void WriteDateTimeOffset(ref MessagePackWriter writer, DateTimeOffset value)
    {
        writer.WriteArrayHeader(2);
        writer.Write(value.UtcDateTime);
        writer.Write((short)value.Offset.TotalMinutes);
    }

    /// <summary>Reads <c>[utc timestamp, offset minutes]</c>.</summary>
    public static DateTimeOffset ReadDateTimeOffset(ref MessagePackReader reader)
    {
        if (reader.ReadArrayHeader() != 2)
        {
            throw new InvalidMessageException("a DateTimeOffset is not [timestamp, offset minutes]");
        }

        var utc = reader.ReadDateTime();
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(offset);
    }
}
