using System.Net;
using Gatho.Drivers.Redis;
using Gatho.Sdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Ha.Parts;

/// <summary>
/// The one origin the browser sees (Caddy's role in gatho's example), built on YARP: <c>/api/**</c> goes to the backend
/// API, <c>/room/&lt;port&gt;/</c> to the room listening on that loopback port (WebSocket upgrades included) — only
/// ports of rooms the store knows, so the front door is not an open proxy to the machine — and <c>/</c> is the page.
/// </summary>
internal static class FrontDoor
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var port = int.Parse(options.Required("port"), System.Globalization.CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot") });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "api", ClusterId = "api", Match = new RouteMatch { Path = "/api/{**rest}" } }],
            [new ClusterConfig { ClusterId = "api", Destinations = new Dictionary<string, DestinationConfig> { ["api"] = new() { Address = options.Required("api") } } }]);
        builder.Services.AddHttpForwarder();
        await using var driver = new RedisDriver(options.Required("redis"));
        var sdk = new GathoSdk(driver);
        var app = builder.Build();
        var rooms = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None });

        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapReverseProxy();
        app.Map("/room/{roomPort:int}/{**rest}", async (HttpContext context, int roomPort, IHttpForwarder forwarder) =>
        {
            var prefix = $"ws://127.0.0.1:{port}/room/{roomPort}/";
            var known = (await sdk.GetRoomsAsync(cancellationToken: context.RequestAborted)).Any(r => r.Endpoint == prefix);
            if (!known)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            // The room reads only the query (the path is ignored), so the request goes on as it came.
            var error = await forwarder.SendAsync(context, $"http://127.0.0.1:{roomPort}/", rooms, ForwarderRequestConfig.Empty, HttpTransformer.Default);
            if (error != ForwarderError.None && !context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
            }
        });

        await app.StartAsync();
        Console.WriteLine($"front door listening on http://127.0.0.1:{port}/");
        await Signals.WaitForStopAsync();
        await app.StopAsync();
        return 0;
    }
}
