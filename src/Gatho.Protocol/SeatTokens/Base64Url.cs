namespace Gatho.Protocol.SeatTokens;

/// <summary>Base64url without padding (RFC 4648 §5), as JWTs use. Decoding rejects anything else without throwing.</summary>
public static class Base64Url
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly sbyte[] Reverse = BuildReverse();

    /// <summary>Encodes <paramref name="data"/> as unpadded base64url.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var length = (data.Length * 4 + 2) / 3;
        Span<char> chars = length <= 512 ? stackalloc char[length] : new char[length];
        var o = 0;
        var i = 0;
        for (; i + 3 <= data.Length; i += 3)
        {
            var n = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            chars[o++] = Alphabet[(n >> 18) & 63];
            chars[o++] = Alphabet[(n >> 12) & 63];
            chars[o++] = Alphabet[(n >> 6) & 63];
            chars[o++] = Alphabet[n & 63];
        }

        var rest = data.Length - i;
        if (rest == 1)
        {
            var n = data[i] << 16;
            chars[o++] = Alphabet[(n >> 18) & 63];
            chars[o++] = Alphabet[(n >> 12) & 63];
        }
        else if (rest == 2)
        {
            var n = (data[i] << 16) | (data[i + 1] << 8);
            chars[o++] = Alphabet[(n >> 18) & 63];
            chars[o++] = Alphabet[(n >> 12) & 63];
            chars[o++] = Alphabet[(n >> 6) & 63];
        }

        return chars.Slice(0, o).ToString();
    }

    /// <summary>Number of bytes <paramref name="encodedLength"/> characters decode to, or -1 if no valid text has that length.</summary>
    public static int DecodedLength(int encodedLength) => (encodedLength % 4) switch
    {
        0 => encodedLength / 4 * 3,
        2 => encodedLength / 4 * 3 + 1,
        3 => encodedLength / 4 * 3 + 2,
        _ => -1,
    };

    /// <summary>
    /// Decodes unpadded base64url into <paramref name="destination"/>. Returns false (never throws) on a bad character,
    /// an impossible length, non-zero trailing bits, or a destination of the wrong size.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        var expected = DecodedLength(text.Length);
        if (expected < 0 || destination.Length < expected)
        {
            return false;
        }

        var o = 0;
        var i = 0;
        for (; i + 4 <= text.Length; i += 4)
        {
            if (!Sextet(text[i], out var a) || !Sextet(text[i + 1], out var b) || !Sextet(text[i + 2], out var c) || !Sextet(text[i + 3], out var d))
            {
                return false;
            }

            var n = (a << 18) | (b << 12) | (c << 6) | d;
            destination[o++] = (byte)(n >> 16);
            destination[o++] = (byte)(n >> 8);
            destination[o++] = (byte)n;
        }

        var rest = text.Length - i;
        if (rest >= 2)
        {
            if (!Sextet(text[i], out var a) || !Sextet(text[i + 1], out var b))
            {
                return false;
            }

            if (rest == 2)
            {
                if ((b & 0x0F) != 0)
                {
                    return false;
                }

                destination[o++] = (byte)((a << 2) | (b >> 4));
            }
            else
            {
                if (!Sextet(text[i + 2], out var c) || (c & 0x03) != 0)
                {
                    return false;
                }

                var n = (a << 18) | (b << 12) | (c << 6);
                destination[o++] = (byte)(n >> 16);
                destination[o++] = (byte)(n >> 8);
            }
        }

        written = o;
        return true;
    }

    /// <summary>Decodes unpadded base64url into a new array; null when the text is not valid base64url.</summary>
    public static byte[]? TryDecode(ReadOnlySpan<char> text)
    {
        var length = DecodedLength(text.Length);
        if (length < 0)
        {
            return null;
        }

        var bytes = new byte[length];
        return TryDecode(text, bytes, out _) ? bytes : null;
    }

    private static bool Sextet(char c, out int value)
    {
        if (c < 128 && Reverse[c] >= 0)
        {
            value = Reverse[c];
            return true;
        }

        value = 0;
        return false;
    }

    private static sbyte[] BuildReverse()
    {
        var table = new sbyte[128];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = -1;
        }

        for (var i = 0; i < Alphabet.Length; i++)
        {
            table[Alphabet[i]] = (sbyte)i;
        }

        return table;
    }
}
