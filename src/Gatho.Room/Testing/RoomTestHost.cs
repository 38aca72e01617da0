using Gatho.Protocol;
using Gatho.Room.Dispatch;
using Gatho.Room.Hosting;
using Gatho.Room.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Gatho.Typed;

namespace Gatho.Room.Testing;

/// <summary>
/// Runs a room in memory, without sockets or Kestrel, for unit tests of room code. The real room runtime (admission,
/// the room thread, buffering, v2 resume) runs unchanged; only the transport is replaced by in-memory connections.
/// </summary>
/// <example>
/// <code>
/// await using var host = await RoomTestHost.StartAsync(new CounterRoom());
/// var alice = await host.ConnectAsync();
/// await alice.SendAsync("increment");
/// Assert.Equal("1", alice.ReceivedTexts[^1]);
/// </code>
/// </example>
public sealed class RoomTestHost : IAsyncDisposable
{
    private readonly RoomRuntime runtime;

    private RoomTestHost(RoomRuntime runtime)
    {
        this.runtime = runtime;
    }

    /// <summary>The room handle, as room code sees it.</summary>
    public IRoom Room => runtime;

    /// <summary>Starts <paramref name="behavior"/> in memory (runs <c>OnStart</c>).</summary>
    public static async Task<RoomTestHost> StartAsync(IRoomBehavior behavior, RoomOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        options ??= new RoomOptions();
        OptionChecks.Validate(options);
        (behavior as RoomCallbacks)?.Validate();
        var context = new ManagedContext(
            Standalone: true,
            RoomId: options.RoomId ?? Guid.NewGuid().ToString(),
            RoomType: options.RoomType ?? (behavior as ITypedRoom)?.Contract.RoomType ?? "room",
            ServerId: options.ServerId,
            RoomSecret: null,
            NotifySocket: null,
            DataJson: options.DataJson ?? "{}",
            Host: "memory",
            Port: 0);
        logger ??= NullLogger.Instance;
        var runtime = new RoomRuntime(behavior, options, context, new RoomDispatcher(logger), logger);
        await runtime.Dispatcher.Run(() => runtime.StartAsync(null, _ => Task.CompletedTask)).ConfigureAwait(false);
        runtime.Dispatcher.Post(() => runtime.Listening(0));
        return new RoomTestHost(runtime);
    }

    /// <summary>
    /// Connects a client and waits for the room's answer: a session (the client is in) or an <c>auth_error</c> and close.
    /// </summary>
    public async Task<TestClient> ConnectAsync(
        string? clientId = null,
        string joinDataJson = "{}",
        IReadOnlyDictionary<string, string>? tags = null,
        int protocolVersion = ProtocolVersions.V2)
    {
        var client = new TestClient(runtime, protocolVersion, (runtime.Behavior as ITypedRoom)?.Contract);
        var admission = new Admission(clientId ?? Guid.NewGuid().ToString(), joinDataJson, tags ?? new Dictionary<string, string>(), null, null);
        await client.OpenAsync(admission).ConfigureAwait(false);
        return client;
    }

    /// <summary>Waits until the room thread has run everything queued before this call (and what that queued).</summary>
    public Task IdleAsync() => TestClient.IdleAsync(runtime);

    /// <summary>Stops the room (<c>OnShutdown</c>, <c>OnLeave</c> for everyone, close 1001).</summary>
    public Task StopAsync() => runtime.StopAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await runtime.StopAsync().ConfigureAwait(false);
}
