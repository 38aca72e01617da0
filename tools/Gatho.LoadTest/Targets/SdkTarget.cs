using Gatho.LoadTest.Connections;
using Gatho.Sdk;

namespace Gatho.LoadTest.Targets;

/// <summary>A running room whose seats the SDK reserves in the driver (the path a backend takes).</summary>
internal sealed class SdkTarget : LoadTarget
{
    private readonly GathoSdk sdk;
    private readonly string roomId;
    private readonly IAsyncDisposable? owned;

    public SdkTarget(GathoSdk sdk, string roomId, int? processId, IAsyncDisposable? owned)
    {
        ArgumentNullException.ThrowIfNull(sdk);
        ArgumentException.ThrowIfNullOrEmpty(roomId);
        this.sdk = sdk;
        this.roomId = roomId;
        this.owned = owned;
        ProcessId = processId ?? RoomProcesses.Find(roomId);
    }

    public override string Name => "gatho";

    public override string Description => $"room {roomId} through the SDK";

    public override async Task<string> NewSeatAsync(int index, CancellationToken cancellationToken)
    {
        var seat = await sdk.JoinAsync(roomId, TimeSpan.FromMinutes(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        return seat.Url;
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
