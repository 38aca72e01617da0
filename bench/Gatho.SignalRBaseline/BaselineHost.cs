using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatho.SignalRBaseline;

/// <summary>
/// A running baseline hub on Kestrel (loopback). Built on the slim builder, as the room is, with logging at Warning so
/// neither side pays for log lines the other does not write. The hub's receive buffer limit is raised past SignalR's
/// 32 KiB default so the same message sizes pass on both sides.
/// </summary>
public sealed class BaselineHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private BaselineHost(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    /// <summary>The hub's URL (<c>http://127.0.0.1:port/hub</c>).</summary>
    public string Url { get; }

    /// <summary>Starts the hub on <paramref name="port"/> (0: chosen by the OS).</summary>
    public static async Task<BaselineHost> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        builder.Services
            .AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 1024 * 1024;
                o.EnableDetailedErrors = false;
            })
            .AddMessagePackProtocol();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<LoadHub>("/hub");
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BaselineHost(app, address.TrimEnd('/') + "/hub");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
