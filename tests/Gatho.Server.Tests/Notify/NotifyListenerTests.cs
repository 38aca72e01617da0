using System.Buffers.Binary;
using System.Threading.Channels;
using Gatho.Protocol.Notify;
using Gatho.Server.Notify;
using Gatho.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatho.Server.Tests.Notify;

/// <summary>
/// The server's end of one room's notify channel (DESIGN D7, gatho-behaviour §6.1, gaps 12 and 17): a private
/// per-room directory, one connection at a time, redial after a drop, bounded frames, ids that cannot escape.
/// </summary>
public sealed class NotifyListenerTests : IDisposable
{
    private readonly string socketDirectory = Directory.CreateTempSubdirectory("gn-").FullName;
    private readonly Channel<NotifyMessage> received = Channel.CreateUnbounded<NotifyMessage>();

    public void Dispose() => Directory.Delete(socketDirectory, recursive: true);

    [Fact]
    public async Task The_socket_lives_in_a_private_per_room_directory_that_goes_with_the_listener()
    {
        var listener = Open("room-1");
        var roomDirectory = Path.Combine(socketDirectory, "room-1");

        Assert.Equal(Path.Combine(roomDirectory, "sock"), listener.SocketPath);
        Assert.True(File.Exists(listener.SocketPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(roomDirectory));

        await listener.DisposeAsync();

        Assert.False(Directory.Exists(roomDirectory));
        Assert.True(Directory.Exists(socketDirectory), "the shared socket directory stays");
    }

    [Fact]
    public async Task A_stale_socket_file_from_a_previous_run_is_replaced()
    {
        await using (Open("room-1"))
        {
        }

        Directory.CreateDirectory(Path.Combine(socketDirectory, "room-1"));
        await File.WriteAllTextAsync(Path.Combine(socketDirectory, "room-1", "sock"), "stale");
        await using var listener = Open("room-1");
        await using var room = await FakeRoom.DialAsync(listener.SocketPath);
        await room.SendAsync(new ReadyNotify(1));
        Assert.Equal(new ReadyNotify(1), await NextAsync());
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    public void Room_ids_that_would_escape_the_socket_directory_are_refused(string roomId)
    {
        var error = Assert.Throws<ArgumentException>(() => Open(roomId));

        Assert.Contains($"\"{roomId}\"", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(socketDirectory));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(socketDirectory)!, "x", "sock")));
    }

    [Fact]
    public void A_socket_path_too_long_for_a_unix_socket_is_refused_up_front()
    {
        var error = Assert.Throws<ArgumentException>(() => Open(new string('r', 100)));

        Assert.Contains("over 107 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_connection_at_a_time_a_second_is_refused_and_not_heard()
    {
        await using var listener = Open("room-1");
        await using var first = await FakeRoom.DialAsync(listener.SocketPath);
        await first.SendAsync(new ReadyNotify(1));
        Assert.Equal(new ReadyNotify(1), await NextAsync());

        await using var second = await FakeRoom.DialAsync(listener.SocketPath);
        await Wait.ForAsync(second.ClosedByServer, "the second connection refused");
        await SendIgnoringResetAsync(second, new ReadyNotify(2));

        // The first still speaks, and is the only one heard.
        await first.SendAsync(new ClientDisconnectedNotify("a"));
        Assert.Equal(new ClientDisconnectedNotify("a"), await NextAsync());
        Assert.False(received.Reader.TryRead(out _));
        Assert.True(listener.IsConnected);
    }

    [Fact]
    public async Task After_a_drop_the_room_may_redial()
    {
        await using var listener = Open("room-1");
        var first = await FakeRoom.DialAsync(listener.SocketPath);
        await first.SendAsync(new ReadyNotify(1));
        await NextAsync();
        await first.DisposeAsync();
        await Wait.UntilAsync(() => !listener.IsConnected, "the dropped connection released");

        await using var again = await FakeRoom.DialAsync(listener.SocketPath);
        await again.SendAsync(new ClientDisconnectedNotify("b"));

        Assert.Equal(new ClientDisconnectedNotify("b"), await NextAsync());
        Assert.False(again.ClosedByServer.IsCompleted);
    }

    [Fact]
    public async Task A_frame_over_the_bound_closes_the_connection_before_it_is_buffered()
    {
        await using var listener = Open("room-1", maxFrameBytes: 64);
        await using var room = await FakeRoom.DialAsync(listener.SocketPath);

        // Only the length prefix is sent: the listener must not wait for 1 MiB it will never accept.
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1024 * 1024);
        await room.SendRawAsync(header);

        await Wait.ForAsync(room.ClosedByServer, "the connection closed");
        await Wait.UntilAsync(() => !listener.IsConnected, "the slot released");
        Assert.False(received.Reader.TryRead(out _));

        // A frame at the bound is fine on a new connection.
        await using var again = await FakeRoom.DialAsync(listener.SocketPath);
        var error = new ErrorNotify(new string('e', 64 - 2));
        Assert.Equal(64, NotifyCodec.EncodeFrame(error).Length - 4);
        await again.SendAsync(error);
        Assert.Equal(error, await NextAsync());
    }

    [Fact]
    public async Task A_malformed_frame_is_dropped_and_the_connection_kept()
    {
        await using var listener = Open("room-1");
        await using var room = await FakeRoom.DialAsync(listener.SocketPath);

        await room.SendRawAsync([0, 0, 0, 2, 0x63, 0x63]);
        await room.SendAsync(new ReadyNotify(7));

        Assert.Equal(new ReadyNotify(7), await NextAsync());
        Assert.False(room.ClosedByServer.IsCompleted);
    }

    [Fact]
    public async Task Commands_reach_the_connected_room_and_are_refused_when_none_is()
    {
        await using var listener = Open("room-1");
        Assert.False(await listener.SendAsync(new StopRoomCommand("bye")));

        await using var room = await FakeRoom.DialAsync(listener.SocketPath);
        await room.SendAsync(new ReadyNotify(1));
        await NextAsync();

        Assert.True(await listener.SendAsync(new StopRoomCommand("server draining, rejoin")));
        Assert.Equal(new StopRoomCommand("server draining, rejoin"), await room.NextCommandAsync());
    }

    [Fact]
    public async Task Disposing_drops_the_connection_and_refuses_new_ones()
    {
        var listener = Open("room-1");
        await using var room = await FakeRoom.DialAsync(listener.SocketPath);
        await room.SendAsync(new ReadyNotify(1));
        await NextAsync();
        var path = listener.SocketPath;

        await listener.DisposeAsync();

        await Wait.ForAsync(room.ClosedByServer, "the room's connection closed");
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => FakeRoom.DialAsync(path));
    }

    private NotifyListener Open(string roomId, int maxFrameBytes = 1024 * 1024) =>
        NotifyListener.Open(socketDirectory, roomId, message => received.Writer.WriteAsync(message).AsTask(), maxFrameBytes, NullLogger.Instance);

    private async Task<NotifyMessage> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Wait.Patience);
        return await received.Reader.ReadAsync(timeout.Token);
    }

    private static async Task SendIgnoringResetAsync(FakeRoom room, NotifyMessage message)
    {
        try
        {
            await room.SendAsync(message);
        }
        catch (System.Net.Sockets.SocketException)
        {
            // The refused connection may already be gone: either way nothing may be heard.
        }
    }
}
