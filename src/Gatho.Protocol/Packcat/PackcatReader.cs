using System.Buffers.Binary;
using System.Text;

namespace Gatho.Protocol.Packcat;

/// <summary>
/// Reads packcat primitives from untrusted bytes. Errors are sticky instead of thrown: the first failure records
/// <see cref="Error"/>, later reads return defaults, and the caller checks once at the end. That keeps decoders
/// linear and guarantees no exception other than the decoder's own ever escapes on hostile input.
/// </summary>
public ref struct PackcatReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> data;
    private int position;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    public PackcatReader(ReadOnlySpan<byte> data)
    {
        this.data = data;
        position = 0;
        Error = null;
    }

    /// <summary>The first problem met, or null while everything decoded.</summary>
    public string? Error { get; private set; }

    /// <summary>True once a read failed.</summary>
    public readonly bool Failed => Error is not null;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => data.Length - position;

    /// <summary>Unsigned LEB128 limited to 32 bits, as packcat's varuint.</summary>
    public uint ReadVarUInt()
    {
        if (Failed)
        {
            return 0;
        }

        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= data.Length)
            {
                Fail("truncated varuint");
                return 0;
            }

            var b = Polyfills.SpanBytes.At(data, position++);
            if (shift == 28 && (b & 0xF0) != 0)
            {
                Fail("varuint does not fit in 32 bits");
                return 0;
            }

            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        Fail("varuint does not fit in 32 bits");
        return 0;
    }

    /// <summary>A varuint byte length then that many UTF-8 bytes; invalid UTF-8 is an error, not replaced.</summary>
    public string ReadString()
    {
        var length = ReadVarUInt();
        if (Failed)
        {
            return string.Empty;
        }

        if (length > (uint)Remaining)
        {
            Fail($"string of {length} bytes runs past the end ({Remaining} left)");
            return string.Empty;
        }

        var bytes = data.Slice(position, (int)length);
        position += (int)length;
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Fail("string is not valid UTF-8");
            return string.Empty;
        }
    }

    /// <summary>Two bytes little-endian.</summary>
    public ushort ReadUInt16()
    {
        if (!Take(2, out var span))
        {
            return 0;
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(span);
    }

    /// <summary>Eight bytes IEEE-754 little-endian.</summary>
    public double ReadFloat64()
    {
        if (!Take(8, out var span))
        {
            return 0;
        }

        return BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(span));
    }

    /// <summary>The flag byte of an <c>optional(x)</c>; anything but 0 or 1 is an error.</summary>
    public bool ReadOptionalFlag()
    {
        if (!Take(1, out var span))
        {
            return false;
        }

        switch (Polyfills.SpanBytes.At(span, 0))
        {
            case 0:
                return false;
            case 1:
                return true;
            default:
                Fail($"optional flag byte is {Polyfills.SpanBytes.At(span, 0)}, expected 0 or 1");
                return false;
        }
    }

    /// <summary>
    /// A list or record count, checked against the bytes left so a forged huge count cannot make the caller allocate:
    /// every element takes at least <paramref name="minBytesPerElement"/> bytes.
    /// </summary>
    public int ReadCount(int minBytesPerElement)
    {
        var count = ReadVarUInt();
        if (Failed)
        {
            return 0;
        }

        if ((ulong)count * (ulong)Math.Max(minBytesPerElement, 1) > (ulong)Remaining)
        {
            Fail($"count {count} cannot fit in the {Remaining} bytes left");
            return 0;
        }

        return (int)count;
    }

    /// <summary>A <c>record(string)</c>: count, all keys, then all values.</summary>
    public Dictionary<string, string> ReadStringRecord()
    {
        // Each key and each value takes at least its length byte.
        var count = ReadCount(2);
        var result = new Dictionary<string, string>(count, StringComparer.Ordinal);
        if (Failed)
        {
            return result;
        }

        var keys = new string[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = ReadString();
        }

        for (var i = 0; i < count && !Failed; i++)
        {
            var value = ReadString();
            if (!Failed && !result.ContainsKey(keys[i]))
            {
                result.Add(keys[i], value);
            }
            else if (!Failed)
            {
                Fail($"record key \"{keys[i]}\" appears twice");
            }
        }

        return result;
    }

    /// <summary>Records an error unless one is recorded already.</summary>
    public void Fail(string error)
    {
        Error ??= error;
    }

    /// <summary>Records an error when bytes are left over: every Gatho message must be consumed exactly.</summary>
    public void ExpectEnd()
    {
        if (!Failed && Remaining != 0)
        {
            Fail($"{Remaining} unexpected trailing bytes");
        }
    }

    private bool Take(int count, out ReadOnlySpan<byte> span)
    {
        if (Failed || Remaining < count)
        {
            Fail($"truncated: needed {count} bytes, {Remaining} left");
            span = default;
            return false;
        }

        span = data.Slice(position, count);
        position += count;
        return true;
    }
}
