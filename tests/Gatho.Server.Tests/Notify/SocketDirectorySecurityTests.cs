using System.Diagnostics;
using System.Net.Sockets;
using Gatho.Server.Notify;
using Gatho.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatho.Server.Tests.Notify;

/// <summary>
/// Issue 17, defect 8: the notify socket directory. Reproduced before the fix: a local user who pre-created the root
/// with mode 0777 and renamed each new room directory bound a socket of their own, heard the room's ready and
/// heartbeats, and had their stop obeyed.
/// </summary>
public sealed class SocketDirectorySecurityTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string scratch = Directory.CreateTempSubdirectory("gd-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task A_missing_socket_directory_is_created_0700_whatever_the_umask()
    {
        var root = Path.Combine(scratch, "ipc");
        await using var cluster = new TestCluster();

        await cluster.StartServerAsync(o => o.SocketDirectory = root);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(root));
    }

    [Theory]
    [InlineData(UnixFileMode.OtherWrite)]
    [InlineData(UnixFileMode.GroupWrite)]
    public async Task A_socket_directory_others_may_write_to_is_refused_at_start(UnixFileMode extra)
    {
        var root = Path.Combine(scratch, "ipc");
        Directory.CreateDirectory(root);
        var mode = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute | extra;
        File.SetUnixFileMode(root, mode);
        await using var cluster = new TestCluster();

        var error = await Assert.ThrowsAsync<ServerConfigurationException>(() => cluster.StartServerAsync(o => o.SocketDirectory = root));

        Assert.Contains($"\"{root}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("group or others may write", error.Message, StringComparison.Ordinal);
        Assert.Equal(mode, File.GetUnixFileMode(root));
        Assert.Empty(await cluster.Sdk.GetServersAsync());
    }

    [Fact]
    public async Task A_socket_directory_owned_by_another_user_is_refused_at_start()
    {
        var root = DirectoryOfAnotherUser();
        await using var cluster = new TestCluster();

        var error = await Assert.ThrowsAsync<ServerConfigurationException>(() => cluster.StartServerAsync(o => o.SocketDirectory = root));

        Assert.Contains($"\"{root}\" is owned by uid", error.Message, StringComparison.Ordinal);
        Assert.Contains($"(uid {UnixFileStatus.CurrentUserId})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_socket_directory_that_is_a_symlink_is_refused()
    {
        var target = Directory.CreateDirectory(Path.Combine(scratch, "elsewhere")).FullName;
        var root = Path.Combine(scratch, "ipc");
        File.CreateSymbolicLink(root, target);

        var error = Assert.Throws<ServerConfigurationException>(() => PrivateSocketDirectory.EnsureRoot(root));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_room_directory_planted_by_another_user_is_refused_and_no_socket_is_bound_in_it()
    {
        if (UnixFileStatus.CurrentUserId != 0)
        {
            // Without root no directory can be handed to another user; one root owns stands in.
            var foreign = Assert.Throws<ServerConfigurationException>(() => PrivateSocketDirectory.CreateRoomDirectory("/usr"));
            Assert.Contains("room notify directory \"/usr\" is owned by uid 0", foreign.Message, StringComparison.Ordinal);
            return;
        }

        var root = Path.Combine(scratch, "ipc");
        PrivateSocketDirectory.EnsureRoot(root);
        var planted = Path.Combine(root, "room-1");
        Directory.CreateDirectory(planted);
        GiveToAnotherUser(planted);

        var error = Assert.Throws<ServerConfigurationException>(() => Open(root, "room-1"));

        Assert.Contains("room notify directory", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(planted, "sock")));
    }

    [Fact]
    public async Task A_room_directory_of_ours_left_with_a_loose_mode_is_tightened_to_0700()
    {
        var root = Path.Combine(scratch, "ipc");
        PrivateSocketDirectory.EnsureRoot(root);
        var left = Directory.CreateDirectory(Path.Combine(root, "room-1")).FullName;
        File.SetUnixFileMode(left, OwnerOnly | UnixFileMode.OtherRead | UnixFileMode.OtherExecute | UnixFileMode.OtherWrite);

        await using var listener = Open(root, "room-1");

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(left));
    }

    [Fact]
    public void A_room_directory_swapped_for_another_before_the_bind_is_detected_after_it()
    {
        var root = Path.Combine(scratch, "ipc");
        PrivateSocketDirectory.EnsureRoot(root);
        var directory = Path.Combine(root, "room-1");
        var created = PrivateSocketDirectory.CreateRoomDirectory(directory);

        // What the attack did: rename the room's directory away and put another one, with a socket, in its place.
        Directory.Move(directory, directory + "-renamed");
        Directory.CreateDirectory(directory, OwnerOnly);
        var socketPath = Path.Combine(directory, "sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        var error = Assert.Throws<ServerConfigurationException>(() => PrivateSocketDirectory.VerifyBound(directory, created, socketPath));

        Assert.Contains("was replaced or changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_socket_directory_is_per_user()
    {
        Assert.Equal(Path.Combine(Path.GetTempPath(), $"gatho-ipc-{UnixFileStatus.CurrentUserId}"), new GathoServerOptions().SocketDirectory);
    }

    private static NotifyListener Open(string root, string roomId) =>
        NotifyListener.Open(root, roomId, _ => Task.CompletedTask, 1024, NullLogger.Instance);

    // As root a scratch directory is handed to "nobody"; otherwise any directory root owns will do.
    private string DirectoryOfAnotherUser()
    {
        if (UnixFileStatus.CurrentUserId != 0)
        {
            return "/usr";
        }

        var root = Directory.CreateDirectory(Path.Combine(scratch, "theirs")).FullName;
        File.SetUnixFileMode(root, OwnerOnly);
        GiveToAnotherUser(root);
        return root;
    }

    private static void GiveToAnotherUser(string path)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown", ["65534:65534", path]) { RedirectStandardError = true })!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
        Assert.Equal(65534u, UnixFileStatus.Read(path)!.Value.OwnerId);
    }
}
