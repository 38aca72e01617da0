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
/// <see cref="StartAsync(RoomOptions, IRoomBehavior, CancellationToken)"/>, or run one to completion with <see cref="GathoRoom.RunAsync(RoomOptions, IRoomBehavior, CancellationToken)"/>.
/// </summary>
public sealed class RoomHost : IAsyncDisposable
{
    private readonly RoomRuntime runtime;
    private readonly WebApplication app;
    private readonly NotifyChannel? notify;
    private readonly ILoggerFactory? ownedLogging;
    private readonly List<PosixSignalRegistration> signals = new();
    private readonly ILogger logger;
    private readonly string urlHost;

    // Starting the listener and closing it take turns, so a stop that arrives while the room is still starting (say,
    // OnStart calling StopAsync) cannot interleave with Kestrel's start and leave it accepting connections.
    private readonly SemaphoreSlim listenerTurn = new(1, 1);
    private bool listening;
    private bool listenerClosed;

    private RoomHost(RoomRuntime runtime, WebApplication app, NotifyChannel? notify, ILoggerFactory? ownedLogging, string host, ILogger logger)
    {
        this.runtime = runtime;
        this.app = app;
        this.notify = notify;
        this.ownedLogging = ownedLogging;
        this.logger = logger;
        urlHost = host is "0.0.0.0" or "::" or "*" ? "127.0.0.1" : host.Contains(':') ? $"[{host}]" : host;
        Url = $"ws://{urlHost}:0/";
    }

    /// <summary>The room handle (also passed to every callback).</summary>
    public IRoom Room => runtime;

    /// <summary>The port the WebSocket listener got; 0 when the room stopped before it started listening.</summary>
    public int Port { get; private set; }

    /// <summary>A <c>ws://</c> URL of the listener (for local use; clients get theirs from the server's endpoint function).</summary>
    public string Url { get; private set; }

    /// <summary>Completes when the room has stopped (by <see cref="IRoom.StopAsync"/>, a signal, its server, or a lost notify channel).</summary>
    public Task Stopped => runtime.Stopped;

    /// <summary>
    /// Starts a room: resolves its managed context (failing closed), dials the notify channel, runs <c>OnStart</c>,
    /// starts listening and reports <c>ready{port}</c>.
    /// </summary>
    /// <remarks>
    /// A stop requested while the room starts (<c>OnStart</c> calling <see cref="IRoom.StopAsync"/>, its server, a
    /// signal) wins: the listener is not left open, <see cref="Stopped"/> completes, and the host is returned with
    /// <see cref="Port"/> 0 if it never listened. When <c>OnStart</c> throws or the listener cannot start, the room is
    /// stopped (timers it scheduled are cancelled, <c>OnShutdown</c> runs), the notify channel and the default logger
    /// are closed, and the exception propagates.
    /// </remarks>
    /// <exception cref="Hosting.RoomConfigurationException">No managed context and not standalone, no secret, bad options, or the notify channel cannot be dialled.</exception>
    public static Task<RoomHost> StartAsync(RoomOptions options, IRoomBehavior behavior, CancellationToken cancellationToken = default) =>
        StartAsync(options, behavior, DefaultLogging.CreateFactory, cancellationToken);

    /// <summary><see cref="StartAsync(RoomOptions, IRoomBehavior, CancellationToken)"/>, with the default logger factory supplied by the caller (tests).</summary>
    internal static async Task<RoomHost> StartAsync(RoomOptions options, IRoomBehavior behavior, Func<ILoggerFactory> defaultLogging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(behavior);
        OptionChecks.Validate(options);
        (behavior as RoomCallbacks)?.Validate();
        var context = Hosting.ManagedContext.Resolve(options);
        var ownedLogging = options.LoggerFactory is null ? defaultLogging() : null;
        var loggerFactory = options.LoggerFactory ?? ownedLogging!;
        var logger = loggerFactory.CreateLogger("Gatho.Room");
        var dispatcher = new RoomDispatcher(logger);
        var runtime = new RoomRuntime(behavior, options, context, dispatcher, logger);

        NotifyChannel? notify = null;
        RoomHost host;
        try
        {
            if (context.NotifySocket is { } socket)
            {
                notify = await NotifyChannel.ConnectAsync(NotifyTarget.Parse(socket), options.NotifyRedialGrace, logger, cancellationToken, options.TimeProvider).ConfigureAwait(false);
            }

            host = new RoomHost(runtime, BuildApp(options, context, runtime, loggerFactory, logger), notify, ownedLogging, context.Host, logger);
        }
        catch
        {
            // Nothing has run on the room thread yet: release what was opened and fail.
            if (notify is not null)
            {
                await notify.DisposeAsync().ConfigureAwait(false);
            }

            ownedLogging?.Dispose();
            throw;
        }

        // The host exists before any room code runs, so every stop path (OnStart, a server command, a lost channel)
        // finds it; it used to be assigned after OnStart, and a stop during OnStart dereferenced null.
        notify?.Start(host.OnCommandAsync, host.OnNotifyLostAsync);
        try
        {
            await dispatcher.Run(() => runtime.StartAsync(notify, _ => host.AfterStopAsync())).ConfigureAwait(false);
            if (await host.TryStartListeningAsync(options.StopOnProcessSignals, cancellationToken).ConfigureAwait(false) is { } port)
            {
                dispatcher.Post(() => runtime.Listening(port));
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "room {RoomId} failed to start; stopping it", runtime.RoomId);
            await host.StopAfterFailedStartAsync().ConfigureAwait(false);
            throw;
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

            // Kestrel times a connection that has sent nothing yet with its keep-alive timeout (130 s by default), not
            // the request-headers one: without this a silent connection held its slot 13 times longer than documented.
            // Upgraded WebSockets never go back to keep-alive, so nothing else uses it.
            kestrel.Limits.KeepAliveTimeout = options.HandshakeTimeout;
        });
        var app = builder.Build();
        // Before the WebSocket middleware, which reads the upgrade feature when a request starts: the socket writer
        // then batches queued frames into one write per socket (Transport/CoalescingStream).
        app.Use(Transport.CoalescingUpgradeFeature.Install);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.KeepAliveInterval, KeepAliveTimeout = options.KeepAliveTimeout });
        var upgrades = new UpgradeHandler(runtime, context, options, logger);
        app.Run(upgrades.HandleAsync);
        return app;
    }

    /// <summary>Starts Kestrel unless the room is already stopping; the bound port, or null when it was not started.</summary>
    private async Task<int?> TryStartListeningAsync(bool hookSignals, CancellationToken cancellationToken)
    {
        await listenerTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (listenerClosed)
            {
                return null;
            }

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            listening = true;
            Port = SingleEndpointKestrel.BoundPort(app);
            Url = $"ws://{urlHost}:{Port}/";
            if (hookSignals)
            {
                HookSignals();
            }

            return Port;
        }
        finally
        {
            listenerTurn.Release();
        }
    }

    private async Task StopAfterFailedStartAsync()
    {
        try
        {
            await runtime.RequestStop(CloseReasons.RoomShuttingDown, selfInitiated: false).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogError(e, "room {RoomId}: stop after the failed start did not complete cleanly", runtime.RoomId);
        }
    }

    private async Task AfterStopAsync()
    {
        await listenerTurn.WaitAsync().ConfigureAwait(false);
        try
        {
            listenerClosed = true;
            foreach (var signal in signals)
            {
                signal.Dispose();
            }

            if (listening)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await app.StopAsync(timeout.Token).ConfigureAwait(false);
            }

            await app.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "room {RoomId}: listener did not stop cleanly", runtime.RoomId);
        }
        finally
        {
            listenerTurn.Release();
        }

        if (notify is not null)
        {
            await notify.DisposeAsync().ConfigureAwait(false);
        }

        logger.LogInformation("room {RoomId} stopped", runtime.RoomId);
        ownedLogging?.Dispose();
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
