using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Gatho.Protocol.Packcat;

/// <summary>
/// Writes the subset of packcat 0.3.0 (the schema codec gatho's JavaScript side uses) that Gatho's protocol and notify
/// messages need. Field order, union tags and literal elision are the caller's job; this type only writes primitives
/// exactly as packcat does.
/// </summary>
public readonly ref struct PackcatWriter
{
    private readonly IBufferWriter<byte> output;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public PackcatWriter(IBufferWriter<byte> output)
    {
        this.output = output ?? throw new ArgumentNullException(nameof(output));
    }

    /// <summary>Unsigned LEB128: 7 bits per byte, low group first, high bit = continuation.</summary>
    public void WriteVarUInt(uint value)
    {
        var span = output.GetSpan(5);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        output.Advance(i);
    }

    /// <summary>A varuint UTF-8 byte length, then the UTF-8 bytes.</summary>
    public void WriteString(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((uint)length);
        var span = output.GetSpan(length);
        Encoding.UTF8.GetBytes(value.AsSpan(), span);
        output.Advance(length);
    }

    /// <summary>Two bytes, little-endian.</summary>
    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    /// <summary>Eight bytes, IEEE-754 little-endian.</summary>
    public void WriteFloat64(double value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), BitConverter.DoubleToInt64Bits(value));
        output.Advance(8);
    }

    /// <summary>The flag byte of an <c>optional(x)</c>: 1 when a value follows, 0 when absent.</summary>
    public void WriteOptionalFlag(bool present)
    {
        output.GetSpan(1)[0] = present ? (byte)1 : (byte)0;
        output.Advance(1);
    }

    /// <summary>
    /// A <c>record(string)</c>: the count, then every key in order, then every value in the same order
    /// (packcat writes keys and values as two runs, not as pairs).
    /// </summary>
    public void WriteStringRecord(IReadOnlyDictionary<string, string> record)
    {
        if (record is null)
        {
            throw new ArgumentNullException(nameof(record));
        }

        WriteVarUInt((uint)record.Count);
        foreach (var pair in record)
        {
            WriteString(pair.Key);
        }

        foreach (var pair in record)
        {
            WriteString(pair.Value);
        }
    }
}
