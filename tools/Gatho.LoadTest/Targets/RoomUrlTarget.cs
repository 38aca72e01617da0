using Gatho.LoadTest.Connections;
using Gatho.Protocol.SeatTokens;
using Gatho.Protocol.Urls;

namespace Gatho.LoadTest.Targets;

/// <summary>A room reached by URL: standalone (the URL itself), or managed with seat tokens minted here from its secret.</summary>
internal sealed class RoomUrlTarget : LoadTarget
{
    private readonly string url;
    private readonly string? secret;
    private readonly string? roomId;
    private readonly ChildProcess? owned;

    public RoomUrlTarget(string url, string? secret, string? roomId, int? processId, ChildProcess? owned = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"room URL '{url}' is not an absolute URL", nameof(url));
        }

        if ((secret is null) != (roomId is null))
        {
            throw new ArgumentException("a managed room needs both its secret and its room id (or neither, for a standalone room)", nameof(secret));
        }

        this.url = url;
        this.secret = secret;
        this.roomId = roomId;
        this.owned = owned;
        ProcessId = processId;
    }

    public override string Name => "gatho";

    public override string Description => secret is null ? $"standalone room {url}" : $"room {roomId} at {url}";

    public override Task<string> NewSeatAsync(int index, CancellationToken cancellationToken)
    {
        if (secret is null)
        {
            return Task.FromResult(url);
        }

        var claims = new SeatClaims(roomId!, $"load-{index}-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddMinutes(30), Guid.NewGuid().ToString("N"));
        return Task.FromResult(SeatUrl.Create(url, SeatTokenIssuer.Mint(claims, secret)));
    }

    public override ILoadConnection CreateConnection(int index, string address, LoadOptions options) => GathoConnectionFor(index, address, options);

    public override async ValueTask DisposeAsync()
    {
        if (owned is not null)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
    }
}
