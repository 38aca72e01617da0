using System.Runtime.CompilerServices;
#if NETSTANDARD2_1
using System.Runtime.InteropServices;
#endif

namespace Gatho.Protocol.Polyfills;

/// <summary>
/// Reads one byte of a <see cref="ReadOnlySpan{T}"/>. On net10.0 this is the indexer. On netstandard2.1 it avoids the
/// indexer: its reference signature is <c>ref readonly T get_Item(int)</c> with a <c>modreq(InAttribute)</c>, and
/// Debian's Mono 6.8 (whose class libraries are compiled with mcs) defines the method without that modifier, so every
/// <c>span[i]</c> in a netstandard2.1 assembly fails there with <c>MissingMethodException</c> (issue 13, found running
/// the client under Mono). <c>MemoryMarshal.GetReference</c> has a plain signature.
/// </summary>
internal static class SpanBytes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ReadOnlySpan<byte> span, int index)
    {
#if NETSTANDARD2_1
        if ((uint)index >= (uint)span.Length)
        {
            throw new IndexOutOfRangeException();
        }

        return MemoryMarshal.GetReference(span.Slice(index));
#else
        return span[index];
#endif
    }
}
