using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Hosting;

/// <summary>
/// The Kestrel setup a room process and the server's HTTP port share: one listen address, the caller's logger
/// factory, and nothing else. The empty builder has no configuration sources, logging providers or routing, and only
/// Kestrel's HTTP/1.1 core (which WebSockets need): less to load and JIT in every room process.
/// </summary>
internal static class SingleEndpointKestrel
{
    /// <summary>A builder listening on one address; the caller adds its request handling and builds it.</summary>
    /// <param name="host">An IP address, or 0.0.0.0 / * / :: / localhost.</param>
    /// <param name="port">The port, or 0 for any free one.</param>
    /// <param name="loggerFactory">Where Kestrel's own log lines go.</param>
    /// <param name="invalidHost">The error for a host that is not an IP address (each owner names its own setting).</param>
    public static WebApplicationBuilder CreateBuilder(string host, int port, ILoggerFactory loggerFactory, Func<string, Exception> invalidHost)
    {
        var address = ListenAddress(host, invalidHost);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddSingleton(loggerFactory);

        // Rooms and servers handle SIGTERM themselves (graceful stop, drain); the generic host must not race them.
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        return builder;
    }

    /// <summary>The port Kestrel bound once started (the one asked for, or the one it picked for 0).</summary>
    public static int BoundPort(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal)).Port;
    }

    private static IPAddress ListenAddress(string host, Func<string, Exception> invalidHost) => host switch
    {
        "0.0.0.0" or "*" => IPAddress.Any,
        "::" => IPAddress.IPv6Any,
        "localhost" => IPAddress.Loopback,
        _ => IPAddress.TryParse(host, out var address) ? address : throw invalidHost(host),
    };

    /// <summary>A host lifetime that neither hooks signals nor stops the app on its own.</summary>
    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
