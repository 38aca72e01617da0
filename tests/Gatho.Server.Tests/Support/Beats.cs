using Gatho.Protocol.Notify;

namespace Gatho.Server.Tests.Support;

/// <summary>Heartbeat messages as a room sends them.</summary>
internal static class Beats
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    /// <summary>A heartbeat taken now (or at <paramref name="at"/>) listing <paramref name="clientIds"/> as live.</summary>
    public static HeartbeatNotify With(IEnumerable<string> clientIds, DateTimeOffset? at = null) =>
        new(clientIds.Select(id => new HeartbeatClient(id, NoTags)).ToArray(), null, (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds());

    public static HeartbeatNotify Empty(DateTimeOffset? at = null) => With(Array.Empty<string>(), at);

    /// <summary>Keeps a room heartbeating every 50 ms, listing <paramref name="live"/>, until disposed (a healthy room).</summary>
    public static IAsyncDisposable Pump(FakeRoomHandle room, params string[] live)
    {
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await room.SendAsync(With(live));
                    await Task.Delay(50, stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
        return new Pumping(stop, loop);
    }

    private sealed class Pumping(CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }
}
