using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gatho.Room.Transport;

/// <summary>
/// Hands ASP.NET Core's WebSocket handshake a <see cref="CoalescingStream"/> over the upgraded connection instead of the
/// connection's own stream, so the room's socket writer can batch frames (see <see cref="WebSocketConnection"/>). Set on
/// every upgradable request before the WebSocket middleware runs (it reads the feature when the request starts).
/// </summary>
internal sealed class CoalescingUpgradeFeature : IHttpUpgradeFeature
{
    private readonly IHttpUpgradeFeature inner;

    private CoalescingUpgradeFeature(IHttpUpgradeFeature inner)
    {
        this.inner = inner;
    }

    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    /// <summary>The stream the WebSocket was given, once upgraded.</summary>
    public CoalescingStream? Stream { get; private set; }

    /// <summary>Middleware: wraps the upgrade feature of upgradable requests.</summary>
    public static Task Install(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
        {
            context.Features.Set<IHttpUpgradeFeature>(new CoalescingUpgradeFeature(upgrade));
        }

        return next(context);
    }

    /// <summary>The coalescing stream of <paramref name="context"/>'s upgraded connection, when it has one.</summary>
    public static CoalescingStream? StreamOf(HttpContext context) => (context.Features.Get<IHttpUpgradeFeature>() as CoalescingUpgradeFeature)?.Stream;

    public async Task<Stream> UpgradeAsync()
    {
        var stream = new CoalescingStream(await inner.UpgradeAsync().ConfigureAwait(false));
        Stream = stream;
        return stream;
    }
}
