using System.Runtime.InteropServices;
using System.Text;

namespace Gatho.Server.Notify;

/// <summary>
/// What <c>lstat</c> says about a path — owner, mode, kind, inode — read with Linux <c>statx</c>, whose buffer layout
/// is the same on every architecture (struct <c>stat</c>'s is not). .NET exposes the mode but not the owner, and the
/// owner is what tells our directory from one another local user planted.
/// </summary>
internal readonly record struct UnixFileStatus(uint OwnerId, UnixFileMode Mode, UnixFileKind Kind, ulong Device, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int ENOENT = 2;

    /// <summary>True where ownership can be read (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>The effective user id of this process.</summary>
    public static uint CurrentUserId => GetEffectiveUserId();

    /// <summary>The status of <paramref name="path"/> itself (a symlink is reported as one, not followed); null when nothing is there.</summary>
    /// <exception cref="IOException">The path cannot be examined.</exception>
    public static UnixFileStatus? Read(string path)
    {
        var buffer = new StatxBuffer();
        var utf8 = Encoding.UTF8.GetBytes(path + "\0");
        if (Statx(AtFdCwd, utf8, AtSymlinkNoFollow, StatxBasicStats, ref buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == ENOENT ? null : throw new IOException($"cannot examine \"{path}\": {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }

        var kind = (buffer.Mode & 0xF000) switch
        {
            0x4000 => UnixFileKind.Directory,
            0xA000 => UnixFileKind.SymbolicLink,
            0xC000 => UnixFileKind.Socket,
            0x8000 => UnixFileKind.RegularFile,
            _ => UnixFileKind.Other,
        };
        var device = ((ulong)buffer.DevMajor << 32) | buffer.DevMinor;
        return new UnixFileStatus(buffer.Uid, (UnixFileMode)(buffer.Mode & 0xFFF), kind, device, buffer.Ino);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, byte[] path, int flags, uint mask, ref StatxBuffer buffer);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    // struct statx (linux/stat.h): the fields read here at their fixed offsets, padded to the kernel's 256 bytes.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }
}

/// <summary>The kind of file a <see cref="UnixFileStatus"/> describes.</summary>
internal enum UnixFileKind
{
    RegularFile,
    Directory,
    SymbolicLink,
    Socket,
    Other,
}
