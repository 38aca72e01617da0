using System.Net.Sockets;
using Gatho.Protocol.Notify;
using Gatho.Room.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Tests.Startup;

/// <summary>
/// Issue 17, defect 5: a room stopped while it starts, and a room whose start fails, leave nothing behind — no
/// listener accepting connections, no open notify channel, no undisposed default logger, no faulted
/// <see cref="RoomHost.Stopped"/>.
/// </summary>
public sealed class RoomHostStartTests
{
    private static RoomOptions Managed(FakeNotifyServer server, ILoggerFactory? logging) => new()
    {
        RoomId = "room-1",
        RoomType = "test",
        ServerId = "server-1",
        RoomSecret = TestRooms.Secret,
        NotifySocket = server.Target,
        Host = "127.0.0.1",
        StopOnProcessSignals = false,
        LoggerFactory = logging,
        Environment = new Dictionary<string, string?>(),
    };

    [Fact]
    public async Task A_stop_requested_by_OnStart_completes_Stopped_reports_stopped_and_leaves_no_listener()
    {
        await using var server = new FakeNotifyServer();

        var host = await RoomHost.StartAsync(Managed(server, TestRooms.Logging), new RoomCallbacks { OnStart = r => _ = r.StopAsync() })
            .WaitAsync(WireClient.Patience);
        await host.Stopped.WaitAsync(WireClient.Patience);

        await server.HungUp.Task.WaitAsync(WireClient.Patience);
        var messages = server.Drain();
        Assert.Contains(messages, m => m is StoppedNotify);
        Assert.DoesNotContain(messages, m => m is ReadyNotify);
        await AssertNotListeningAsync(host.Port);
    }

    [Fact]
    public async Task A_server_stop_while_OnStart_awaits_wins_and_the_listener_never_starts()
    {
        await using var server = new FakeNotifyServer();
        var inStart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new RoomCallbacks
        {
            OnStartAsync = async _ =>
            {
                inStart.TrySetResult();
                await release.Task;
            },
        };

        var starting = RoomHost.StartAsync(Managed(server, TestRooms.Logging), behavior);
        await inStart.Task.WaitAsync(WireClient.Patience);
        await server.SendAsync(new StopRoomCommand("server stopping"));
        await server.HungUp.Task.WaitAsync(WireClient.Patience);
        release.TrySetResult();

        var host = await starting.WaitAsync(WireClient.Patience);
        await host.Stopped.WaitAsync(WireClient.Patience);
        Assert.Equal(0, host.Port);
        Assert.DoesNotContain(server.Drain(), m => m is ReadyNotify);
    }

    [Fact]
    public async Task When_OnStart_throws_the_start_fails_and_the_notify_channel_and_the_default_logger_are_closed()
    {
        await using var server = new FakeNotifyServer();
        var logging = new TrackingLoggerFactory();
        var shutdowns = 0;
        var behavior = new RoomCallbacks
        {
            OnStart = _ => throw new InvalidOperationException("no map"),
            OnShutdown = _ => shutdowns++,
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => RoomHost.StartAsync(Managed(server, logging: null), behavior, () => logging, CancellationToken.None).WaitAsync(WireClient.Patience));

        Assert.Equal("no map", error.Message);
        await server.HungUp.Task.WaitAsync(WireClient.Patience);
        Assert.True(logging.Disposed, "the default logger factory the room created was not disposed");
        Assert.Equal(1, shutdowns);
    }

    private static async Task AssertNotListeningAsync(int port)
    {
        if (port == 0)
        {
            return;
        }

        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(async () => await probe.ConnectAsync("127.0.0.1", port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    /// <summary>Stands in for the room's default console logger factory, so its disposal can be observed.</summary>
    private sealed class TrackingLoggerFactory : ILoggerFactory
    {
        private readonly ILoggerFactory inner = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));

        public bool Disposed { get; private set; }

        public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose()
        {
            Disposed = true;
            inner.Dispose();
        }
    }
}
