using Gatho.LoadTest.Connections;

namespace Gatho.LoadTest.Targets;

/// <summary>The SignalR baseline hub.</summary>
internal sealed class SignalRTarget : LoadTarget
{
    private readonly string hubUrl;
    private readonly ChildProcess? owned;

    public SignalRTarget(string hubUrl, int? processId, ChildProcess? owned)
    {
        if (!Uri.TryCreate(hubUrl, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"hub URL '{hubUrl}' is not an absolute URL", nameof(hubUrl));
        }

        this.hubUrl = hubUrl;
        this.owned = owned;
        ProcessId = processId;
    }

    public override string Name => "signalr";

    public override string Description => $"SignalR hub {hubUrl}";

    public override bool IsBaseline => true;

    public override Task<string> NewSeatAsync(int index, CancellationToken cancellationToken) => Task.FromResult(hubUrl);

    public override ILoadConnection CreateConnection(int index, string address, LoadOptions options) => new SignalRConnection(index, address);

    public override async ValueTask DisposeAsync()
    {
        if (owned is not null)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
    }
}
