namespace Gatho.Server.Notify;

/// <summary>
/// Keeps the notify sockets out of other local users' reach (DESIGN D7; issue 17, defect 8). The root is created 0700,
/// and one that exists must be a real directory owned by this user that nobody else can write to — otherwise another
/// user could rename a room's directory and bind a socket of their own in its place, hear the room's <c>ready</c>
/// and heartbeats and have their <c>stop</c> obeyed. A room's directory is created 0700 under that root and checked
/// again, with its socket, after the bind: same directory (device and inode), ours, private, and a socket we own.
/// </summary>
internal static class PrivateSocketDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>
    /// The default root: <c>$TMPDIR/gatho-ipc-&lt;uid&gt;</c>, one per local user, so two users' servers on one host do
    /// not fight over a shared directory.
    /// </summary>
    public static string DefaultRoot() =>
        Path.Combine(Path.GetTempPath(), UnixFileStatus.IsSupported ? $"gatho-ipc-{UnixFileStatus.CurrentUserId}" : "gatho-ipc");

    /// <summary>Creates <paramref name="root"/> (0700) if missing; refuses one that another user owns or can write to.</summary>
    /// <exception cref="ServerConfigurationException">The directory is not safe to put notify sockets in.</exception>
    public static void EnsureRoot(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(root);
            return;
        }

        // Create-then-check, never check-then-create: if someone else creates it in between, the check sees theirs.
        Directory.CreateDirectory(root, OwnerOnly);
        var status = Examine(root);
        RequireOwnedDirectory(root, status, "notify socket directory");
        if ((status.Mode & WritableByOthers) != 0)
        {
            throw new ServerConfigurationException(
                $"notify socket directory \"{root}\" has mode {Octal(status.Mode)}: group or others may write to it, so another local user " +
                "could replace a room's socket; use a directory only this user can write to (chmod 0700) or set GathoServerOptions.SocketDirectory");
        }
    }

    /// <summary>Creates a room's directory (0700) under a checked root and returns its identity for <see cref="VerifyBound"/>.</summary>
    /// <exception cref="ServerConfigurationException">What is at that path is not a private directory of ours.</exception>
    public static UnixFileStatus? CreateRoomDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return null;
        }

        Directory.CreateDirectory(directory, OwnerOnly);
        var status = Examine(directory);
        RequireOwnedDirectory(directory, status, "room notify directory");
        if (status.Mode != OwnerOnly)
        {
            // Ours (left by an earlier run under another umask, say), not a symlink, and nobody else can swap it under
            // the private root: safe to tighten in place.
            File.SetUnixFileMode(directory, OwnerOnly);
            status = status with { Mode = OwnerOnly };
        }

        return status;
    }

    /// <summary>After the bind: the room directory is still the one created, still private, and the socket in it is ours.</summary>
    /// <exception cref="ServerConfigurationException">Something changed underneath.</exception>
    public static void VerifyBound(string directory, UnixFileStatus? created, string socketPath)
    {
        if (created is not { } expected || !UnixFileStatus.IsSupported)
        {
            return;
        }

        var now = Examine(directory);
        if (now.Device != expected.Device || now.Inode != expected.Inode || now.Kind != UnixFileKind.Directory || now.OwnerId != expected.OwnerId || now.Mode != OwnerOnly)
        {
            throw new ServerConfigurationException($"room notify directory \"{directory}\" was replaced or changed while its socket was bound; refusing to use it");
        }

        var socket = UnixFileStatus.Read(socketPath);
        if (socket is not { Kind: UnixFileKind.Socket } bound || bound.OwnerId != expected.OwnerId)
        {
            throw new ServerConfigurationException($"notify socket \"{socketPath}\" is not the socket this server bound; refusing to use it");
        }
    }

    private static UnixFileStatus Examine(string path)
    {
        if (UnixFileStatus.IsSupported)
        {
            return UnixFileStatus.Read(path) ?? throw new ServerConfigurationException($"\"{path}\" vanished while it was being set up");
        }

        // Elsewhere (macOS, BSD) .NET reads no owner: check kind and mode, and treat the owner as ours.
        var info = new DirectoryInfo(path);
        var kind = info.LinkTarget is not null ? UnixFileKind.SymbolicLink : info.Exists ? UnixFileKind.Directory : UnixFileKind.Other;
        return new UnixFileStatus(0, info.UnixFileMode, kind, 0, 0);
    }

    private static void RequireOwnedDirectory(string path, UnixFileStatus status, string what)
    {
        if (status.Kind != UnixFileKind.Directory)
        {
            throw new ServerConfigurationException($"{what} \"{path}\" is a {Describe(status.Kind)}, not a directory; remove it or set GathoServerOptions.SocketDirectory");
        }

        if (UnixFileStatus.IsSupported && status.OwnerId != UnixFileStatus.CurrentUserId)
        {
            throw new ServerConfigurationException(
                $"{what} \"{path}\" is owned by uid {status.OwnerId}, not by this server's user (uid {UnixFileStatus.CurrentUserId}): another local user " +
                "could read or replace the notify sockets in it; remove it or set GathoServerOptions.SocketDirectory");
        }
    }

    private static string Describe(UnixFileKind kind) => kind switch
    {
        UnixFileKind.SymbolicLink => "symbolic link",
        UnixFileKind.Socket => "socket",
        UnixFileKind.RegularFile => "regular file",
        _ => "special file",
    };

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
