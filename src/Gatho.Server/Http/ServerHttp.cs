using Gatho.Room.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        // An empty host means every interface, as gatho's server binds it.
        var builder = SingleEndpointKestrel.CreateBuilder(
            host.Length == 0 ? "0.0.0.0" : host,
            port,
            loggerFactory,
            bad => new ServerConfigurationException($"server host \"{bad}\" is not an IP address (use 127.0.0.1, 0.0.0.0, :: or localhost)"));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ServerHttp(app, SingleEndpointKestrel.BoundPort(app));
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
}
