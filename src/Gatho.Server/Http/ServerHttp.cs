using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatho.Server.Http;

/// <summary>
/// The server's tiny HTTP endpoint (gatho-behaviour §7.1): <c>GET /health</c> → 200 <c>{"status":"ok"}</c>,
/// <c>GET /ping</c> → 200 <c>pong</c>, anything else 404. Clients never come here; they go straight to rooms.
/// </summary>
internal sealed class ServerHttp : IAsyncDisposable
{
    private readonly WebApplication app;

    private ServerHttp(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<ServerHttp> StartAsync(string host, int port, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(Address(host), port);
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerHttp(app, new Uri(bound.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal)).Port);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static Task HandleAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) && http.Request.Path == "/health")
        {
            http.Response.ContentType = "application/json";
            return http.Response.WriteAsync("{\"status\":\"ok\"}");
        }

        if (HttpMethods.IsGet(http.Request.Method) && http.Request.Path == "/ping")
        {
            http.Response.ContentType = "text/plain";
            return http.Response.WriteAsync("pong");
        }

        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static IPAddress Address(string host) => host switch
    {
        "0.0.0.0" or "*" or "" => IPAddress.Any,
        "::" => IPAddress.IPv6Any,
        "localhost" => IPAddress.Loopback,
        _ => IPAddress.TryParse(host, out var address)
            ? address
            : throw new ServerConfigurationException($"server host \"{host}\" is not an IP address (use 127.0.0.1, 0.0.0.0, :: or localhost)"),
    };

    /// <summary>The server handles its own shutdown; the generic host must not hook signals.</summary>
    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
