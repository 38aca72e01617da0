namespace Gatho.Protocol.Tests;

/// <summary>Writes and reads byte vectors the way the reference documents print them ("00 01 02 6E 6F").</summary>
internal static class Hex
{
    public static byte[] Parse(string spaced) =>
        spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(b => Convert.ToByte(b, 16)).ToArray();

    public static string Format(ReadOnlySpan<byte> bytes) => string.Join(" ", bytes.ToArray().Select(b => b.ToString("X2")));
}
