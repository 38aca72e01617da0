using System.Runtime.InteropServices;
using Gatho.Protocol.Closing;
using Gatho.Protocol.Notify;
using Gatho.Room.Dispatch;
using Gatho.Room.Hosting;
using Gatho.Room.Logging;
using Gatho.Room.Notify;
using Gatho.Room.Runtime;
using Gatho.Room.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatho.Room;

/// <summary>
/// A running room: its Kestrel WebSocket listener, its room thread, its notify channel. Start one with
/// <see cref="StartAsync"/>, or run one to completion with <see cref="GathoRoom.RunAsync(RoomOptions, IRoomBehavior, CancellationToken)"/>.
/// </summary>
public sealed class RoomHost : IAsyncDisposable
{
    private readonly RoomRuntime runtime;
    private readonly WebApplication app;
    private readonly NotifyChannel? notify;
    private readonly List<PosixSignalRegistration> signals = new();
    private readonly ILogger logger;

    private RoomHost(RoomRuntime runtime, WebApplication app, NotifyChannel? notify, int port, string host, ILogger logger)
    {
        this.runtime = runtime;
        this.app = app;
        this.notify = notify;
        this.logger = logger;
        Port = port;
        var urlHost = host is "0.0.0.0" or "::" or "*" ? "127.0.0.1" : host.Contains(':') ? $"[{host}]" : host;
        Url = $"ws://{urlHost}:{port}/";
    }

    /// <summary>The room handle (also passed to every callback).</summary>
    public IRoom Room => runtime;

    /// <summary>The port the WebSocket listener got.</summary>
    public int Port { get; }

    /// <summary>A <c>ws://</c> URL of the listener (for local use; clients get theirs from the server's endpoint function).</summary>
    public string Url { get; }

    /// <summary>Completes when the room has stopped (by <see cref="IRoom.StopAsync"/>, a signal, its server, or a lost notify channel).</summary>
    public Task Stopped => runtime.Stopped;

    /// <summary>
    /// Starts a room: resolves its managed context (failing closed), dials the notify channel, runs <c>OnStart</c>,
    /// starts listening and reports <c>ready{port}</c>.
    /// </summary>
    /// <exception cref="Hosting.RoomConfigurationException">No managed context and not standalone, no secret, bad options, or the notify channel cannot be dialled.</exception>
    public static async Task<RoomHost> StartAsync(RoomOptions options, IRoomBehavior behavior, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(behavior);
        OptionChecks.Validate(options);
        (behavior as RoomCallbacks)?.Validate();
        var context = Hosting.ManagedContext.Resolve(options);
        var loggerFactory = options.LoggerFactory ?? DefaultLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("Gatho.Room");
        var dispatcher = new RoomDispatcher(logger);
        var runtime = new RoomRuntime(behavior, options, context, dispatcher, logger);

        NotifyChannel? notify = null;
        if (context.NotifySocket is { } socket)
        {
            notify = await NotifyChannel.ConnectAsync(NotifyTarget.Parse(socket), options.NotifyRedialGrace, logger, cancellationToken).ConfigureAwait(false);
        }

        var app = BuildApp(options, context, runtime, loggerFactory, logger);
        RoomHost? host = null;
        await dispatcher.Run(() => runtime.StartAsync(notify, selfInitiated => host!.AfterStopAsync())).ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var port = SingleEndpointKestrel.BoundPort(app);
        host = new RoomHost(runtime, app, notify, port, context.Host, logger);
        notify?.Start(host.OnCommandAsync, host.OnNotifyLostAsync);
        dispatcher.Post(() => runtime.Listening(port));
        if (options.StopOnProcessSignals)
        {
            host.HookSignals();
        }

        return host;
    }

    /// <summary>Stops the room as room code would (see <see cref="IRoom.StopAsync"/>): its server hears <c>stopped</c>.</summary>
    public Task StopAsync() => runtime.StopAsync();

    /// <summary>
    /// Stops the room on its host's behalf (a server stopping it, a process signal): clients are closed with 1001 and
    /// <paramref name="closeReason"/>, and no <c>stopped</c> is reported, since whoever asked already knows.
    /// </summary>
    public Task StopAsync(string closeReason) => runtime.RequestStop(closeReason, selfInitiated: false);

    /// <summary>Stops the room if it is still running.</summary>
    public async ValueTask DisposeAsync()
    {
        await runtime.RequestStop(CloseReasons.RoomShuttingDown, selfInitiated: true).ConfigureAwait(false);
    }

    private static WebApplication BuildApp(RoomOptions options, Hosting.ManagedContext context, RoomRuntime runtime, ILoggerFactory loggerFactory, ILogger logger)
    {
        var builder = SingleEndpointKestrel.CreateBuilder(
            context.Host,
            context.Port,
            loggerFactory,
            host => new Hosting.RoomConfigurationException($"room host \"{host}\" is not an IP address (use 127.0.0.1, 0.0.0.0, :: or localhost)"));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The pre-auth door's TCP side (DESIGN D12): connections that never finish an upgrade are bounded and timed out.
            kestrel.Limits.MaxConcurrentConnections = options.MaxHandshakingConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = options.MaxConnections;
            kestrel.Limits.RequestHeadersTimeout = options.HandshakeTimeout;
        });
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.KeepAliveInterval, KeepAliveTimeout = options.KeepAliveTimeout });
        var upgrades = new UpgradeHandler(runtime, context, options, logger);
        app.Run(upgrades.HandleAsync);
        return app;
    }

    private async Task AfterStopAsync()
    {
        foreach (var signal in signals)
        {
            signal.Dispose();
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "room {RoomId}: listener did not stop cleanly", runtime.RoomId);
        }

        if (notify is not null)
        {
            await notify.DisposeAsync().ConfigureAwait(false);
        }

        logger.LogInformation("room {RoomId} stopped", runtime.RoomId);
    }

    private Task OnCommandAsync(RoomCommand command)
    {
        if (command is StopRoomCommand stop)
        {
            // Do not await: the stop closes this very channel.
            _ = runtime.RequestStop(string.IsNullOrEmpty(stop.Reason) ? CloseReasons.RoomShuttingDown : stop.Reason, selfInitiated: false);
        }

        return Task.CompletedTask;
    }

    private Task OnNotifyLostAsync()
    {
        _ = runtime.RequestStop(CloseReasons.RoomShuttingDown, selfInitiated: false);
        return Task.CompletedTask;
    }

    private void HookSignals()
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // Keep the process alive until the graceful stop has finished; RunAsync returns then.
                context.Cancel = true;
                _ = runtime.RequestStop(CloseReasons.RoomShuttingDown, selfInitiated: false);
            }));
        }
    }
}
