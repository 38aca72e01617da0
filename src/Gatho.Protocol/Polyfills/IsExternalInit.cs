#if !NET5_0_OR_GREATER
// Lets records and init-only setters compile for netstandard2.1.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
#endif
