using Gatho.Drivers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatho.Server.Hosting;

/// <summary><c>Microsoft.Extensions.Hosting</c> integration for <see cref="GathoServer"/>.</summary>
public static class GathoServerServiceCollectionExtensions
{
    /// <summary>
    /// Runs a Gatho server for the host's lifetime: started with the host, drained when the host stops. The driver and
    /// logging come from DI unless <paramref name="configure"/> sets them. The running server is available as
    /// <see cref="GathoServerHostedService.Server"/>.
    /// </summary>
    public static IServiceCollection AddGathoServer(this IServiceCollection services, Action<GathoServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(provider =>
        {
            var options = new GathoServerOptions();
            configure(options);
            options.Driver ??= provider.GetService<IDriver>();
            options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            return new GathoServerHostedService(options);
        });
        services.AddHostedService(provider => provider.GetRequiredService<GathoServerHostedService>());
        return services;
    }
}

/// <summary>Starts a <see cref="GathoServer"/> with the host and drains it when the host stops.</summary>
public sealed class GathoServerHostedService : IHostedService
{
    private readonly GathoServerOptions options;
    private readonly TaskCompletionSource<GathoServer> started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the service for <paramref name="options"/>.</summary>
    public GathoServerHostedService(GathoServerOptions options)
    {
        this.options = options;
    }

    /// <summary>Completes with the running server once the host has started it.</summary>
    public Task<GathoServer> Server => started.Task;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            started.TrySetResult(await GathoServer.StartAsync(options, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            started.TrySetException(e);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (started.Task.IsCompletedSuccessfully)
        {
            await started.Task.Result.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
