using Gatho.LoadTest.Connections;
using Gatho.Sdk;

namespace Gatho.LoadTest.Targets;

/// <summary>
/// What a run loads: a Gatho room (reached by URL, or by a room type through the SDK and a driver) or the SignalR
/// baseline hub. A target gives each client an address (a fresh seat URL for a room) and knows the serving process, when
/// it runs on this machine, so the run can read its CPU and memory.
/// </summary>
public abstract class LoadTarget : IAsyncDisposable
{
    /// <summary>For reports: <c>gatho</c> or <c>signalr</c>, and what was loaded.</summary>
    public abstract string Name { get; }

    /// <summary>What serves the target, for reports (a URL, a room id).</summary>
    public abstract string Description { get; }

    /// <summary>True for the SignalR baseline.</summary>
    public virtual bool IsBaseline => false;

    /// <summary>The serving process on this machine, when known (its CPU and memory are reported).</summary>
    public int? ProcessId { get; protected set; }

    /// <summary>A Gatho room at <paramref name="url"/>: standalone (no token), or managed with seat tokens minted from
    /// <paramref name="roomSecret"/> for <paramref name="roomId"/>.</summary>
    /// <exception cref="ArgumentException">The URL is not absolute, or only one of secret and room id is given.</exception>
    public static LoadTarget Room(string url, string? roomSecret = null, string? roomId = null, int? processId = null) =>
        new RoomUrlTarget(url, roomSecret, roomId, processId);

    /// <summary>A running room of any type, seats reserved through <paramref name="sdk"/> (its driver).</summary>
    public static LoadTarget Sdk(GathoSdk sdk, string roomId, int? processId = null) => new SdkTarget(sdk, roomId, processId, owned: null);

    /// <summary>A SignalR hub at <paramref name="hubUrl"/> with the baseline's methods (bench/Gatho.SignalRBaseline).</summary>
    public static LoadTarget SignalR(string hubUrl, int? processId = null) => new SignalRTarget(hubUrl, processId, owned: null);

    /// <summary>
    /// A server in this process (memory driver, subprocess runner) that runs <paramref name="roomAssembly"/> as room type
    /// <paramref name="roomType"/>; one room is created through the SDK and every client gets a seat through it.
    /// </summary>
    public static Task<LoadTarget> SpawnRoomAsync(string roomAssembly, string roomType = "load", CancellationToken cancellationToken = default) =>
        SpawnedServer.StartAsync(roomAssembly, roomType, cancellationToken);

    /// <summary>Starts the SignalR baseline (<c>Gatho.SignalRBaseline.dll</c>) as a child process and targets it.</summary>
    public static async Task<LoadTarget> SpawnSignalRAsync(string baselineAssembly, CancellationToken cancellationToken = default)
    {
        var process = await ChildProcess.StartAsync(baselineAssembly, Array.Empty<string>(), cancellationToken).ConfigureAwait(false);
        return new SignalRTarget(process.Url, process.Id, process);
    }

    /// <summary>Starts a standalone room process (e.g. <c>Gatho.LoadRoom.dll --standalone</c>) and targets it by URL.</summary>
    public static async Task<LoadTarget> SpawnStandaloneRoomAsync(string roomAssembly, CancellationToken cancellationToken = default)
    {
        var process = await ChildProcess.StartAsync(roomAssembly, new[] { "--standalone" }, cancellationToken).ConfigureAwait(false);
        return new RoomUrlTarget(process.Url, null, null, process.Id, process);
    }

    /// <summary>The address client <paramref name="index"/> connects to (a fresh single-use seat URL for a room).</summary>
    public abstract Task<string> NewSeatAsync(int index, CancellationToken cancellationToken);

    /// <summary>A new unconnected client for this target.</summary>
    public abstract ILoadConnection CreateConnection(int index, string address, LoadOptions options);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A Gatho client of the kind the options ask for.</summary>
    private protected static ILoadConnection GathoConnectionFor(int index, string seatUrl, LoadOptions options) =>
        options.Client == LoadClientKind.Raw
            ? new RawConnection(index, seatUrl)
            : new GathoConnection(index, seatUrl, options.ProtocolVersion);
}
