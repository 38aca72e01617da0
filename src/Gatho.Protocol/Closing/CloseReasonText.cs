using System.Text;

namespace Gatho.Protocol.Closing;

/// <summary>WebSocket close reasons are at most 123 bytes of UTF-8 (RFC 6455 §5.5: 125-byte control payload less the code).</summary>
public static class CloseReasonText
{
    /// <summary>The longest close reason in UTF-8 bytes.</summary>
    public const int MaxBytes = 123;

    /// <summary><paramref name="reason"/> cut to at most <see cref="MaxBytes"/> UTF-8 bytes, never inside a character.</summary>
    public static string Fit(string reason)
    {
        if (reason is null)
        {
            throw new ArgumentNullException(nameof(reason));
        }

        if (Encoding.UTF8.GetByteCount(reason) <= MaxBytes)
        {
            return reason;
        }

        var bytes = 0;
        var length = 0;
        while (length < reason.Length)
        {
            // A surrogate pair is one 4-byte character: keep or cut both halves together.
            var pair = char.IsHighSurrogate(reason[length]) && length + 1 < reason.Length && char.IsLowSurrogate(reason[length + 1]);
            var size = pair ? 4 : reason[length] < 0x80 ? 1 : reason[length] < 0x800 ? 2 : 3;
            if (bytes + size > MaxBytes)
            {
                break;
            }

            bytes += size;
            length += pair ? 2 : 1;
        }

        return reason.Substring(0, length);
    }
}
