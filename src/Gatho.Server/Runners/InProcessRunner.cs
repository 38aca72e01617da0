using Gatho.Room;
using Microsoft.Extensions.Logging;

namespace Gatho.Server.Runners;

/// <summary>
/// Runs rooms inside the server's own process (one-process deployments, tests). Each room still gets its own room
/// thread, WebSocket port, seat secret and notify channel; it just shares the process. Rooms run on the server's
/// process signals: the server stops them, not SIGTERM.
/// </summary>
public sealed class InProcessRunner : IRoomRunner
{
    private readonly Func<RunnerContext, IRoomBehavior> createRoom;
    private readonly ILoggerFactory? loggerFactory;
    private readonly Action<RunnerContext, RoomOptionsOverrides>? configure;

    /// <summary>A runner that builds each room's behavior with <paramref name="createRoom"/>.</summary>
    public InProcessRunner(Func<RunnerContext, IRoomBehavior> createRoom, ILoggerFactory? loggerFactory = null, Action<RunnerContext, RoomOptionsOverrides>? configure = null)
    {
        this.createRoom = createRoom ?? throw new ArgumentNullException(nameof(createRoom));
        this.loggerFactory = loggerFactory;
        this.configure = configure;
    }

    /// <inheritdoc />
    public async ValueTask<IRoomStopper> StartAsync(RunnerContext context, CancellationToken cancellationToken)
    {
        var overrides = new RoomOptionsOverrides();
        configure?.Invoke(context, overrides);
        var options = new RoomOptions
        {
            RoomId = context.RoomId,
            RoomType = context.RoomType,
            ServerId = context.ServerId,
            RoomSecret = context.RoomSecret,
            NotifySocket = "uds:" + context.NotifySocketPath,
            DataJson = context.DataJson,
            Host = context.Environment[Protocol.Hosting.GathoEnvironment.RoomHost],
            StopOnProcessSignals = false,
            LoggerFactory = loggerFactory,
            MaxBufferBytes = overrides.MaxBufferBytes,
            MaxMessageBytes = overrides.MaxMessageBytes,
            Environment = new Dictionary<string, string?>(),
        };
        var host = await RoomHost.StartAsync(options, createRoom(context), cancellationToken).ConfigureAwait(false);
        _ = host.Stopped.ContinueWith(t => context.Stopped(t.IsCompletedSuccessfully ? 0 : 1), TaskScheduler.Default);
        return new HostStopper(host);
    }

    private sealed class HostStopper : IRoomStopper
    {
        private readonly RoomHost host;

        public HostStopper(RoomHost host)
        {
            this.host = host;
        }

        public ValueTask StopAsync()
        {
            _ = host.StopAsync(Protocol.Closing.CloseReasons.RoomShuttingDown);
            return default;
        }
    }
}

/// <summary>Per-room options an <see cref="InProcessRunner"/> may adjust.</summary>
public sealed class RoomOptionsOverrides
{
    /// <summary>See <see cref="RoomOptions.MaxBufferBytes"/>.</summary>
    public int MaxBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>See <see cref="RoomOptions.MaxMessageBytes"/>.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;
}
