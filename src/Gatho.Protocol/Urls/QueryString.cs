using System.Text;

namespace Gatho.Protocol.Urls;

/// <summary>
/// Reads and edits the query part of a URL the way the WHATWG <c>URLSearchParams</c> does (gatho's JavaScript side):
/// <c>&amp;</c>-separated pairs, <c>+</c> as space, percent-decoding, first occurrence wins on lookup.
/// </summary>
public static class QueryString
{
    /// <summary>Every <c>name=value</c> pair of <paramref name="query"/> (with or without a leading <c>?</c>), decoded, in order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(query))
        {
            return pairs;
        }

        var text = query![0] == '?' ? query.Substring(1) : query;
        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part.Substring(0, eq);
            var value = eq < 0 ? string.Empty : part.Substring(eq + 1);
            pairs.Add(new KeyValuePair<string, string>(Decode(name), Decode(value)));
        }

        return pairs;
    }

    /// <summary>The first value of <paramref name="name"/> in <paramref name="query"/>, or null when absent.</summary>
    public static string? Get(string? query, string name)
    {
        foreach (var pair in Parse(query))
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// Returns <paramref name="query"/> (without its <c>?</c>) with <paramref name="name"/> set to <paramref name="value"/>:
    /// the first occurrence is replaced in place, later duplicates removed, other parameters kept verbatim and in order;
    /// a new parameter is appended.
    /// </summary>
    public static string Set(string? query, string name, string value)
    {
        var text = string.IsNullOrEmpty(query) ? string.Empty : (query![0] == '?' ? query.Substring(1) : query);
        var result = new StringBuilder(text.Length + name.Length + value.Length + 2);
        var replaced = false;
        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = part.IndexOf('=');
            var partName = Decode(eq < 0 ? part : part.Substring(0, eq));
            if (partName == name)
            {
                if (replaced)
                {
                    continue;
                }

                replaced = true;
                Append(result, Encode(name) + "=" + Encode(value));
                continue;
            }

            Append(result, part);
        }

        if (!replaced)
        {
            Append(result, Encode(name) + "=" + Encode(value));
        }

        return result.ToString();
    }

    /// <summary>Percent-encodes like <c>URLSearchParams</c> serialization (space as <c>+</c>).</summary>
    public static string Encode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '*' or '-' or '.' or '_')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>Decodes <c>+</c> and percent escapes; malformed escapes are kept literally (as browsers do).</summary>
    public static string Decode(string value)
    {
        if (value.IndexOf('%') < 0 && value.IndexOf('+') < 0)
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes.Add((byte)((Hex(value[i + 1]) << 4) | Hex(value[i + 2])));
                i += 2;
            }
            else
            {
                // Keep surrogate pairs together so characters outside the BMP survive the round trip.
                var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i, length)));
                i += length - 1;
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static void Append(StringBuilder sb, string part)
    {
        if (sb.Length > 0)
        {
            sb.Append('&');
        }

        sb.Append(part);
    }

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
