using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using Gatho.Drivers;
using Gatho.Drivers.Events;
using Gatho.Drivers.Model;

namespace Gatho.Sdk.Tests.Support;

/// <summary>What the simulated server does when a room is assigned to it.</summary>
public enum AssignmentOutcome
{
    /// <summary>Report the room ready on a fresh loopback port.</summary>
    Ready,

    /// <summary>Report a start failure with <see cref="FakeRoomServer.FailureReason"/>.</summary>
    Fail,

    /// <summary>Do nothing (a server that never gets the room up).</summary>
    Ignore,
}

/// <summary>
/// Stands in for Gatho.Server: registers through a heartbeat, subscribes to its events first (as the real server
/// does), and answers assignments through the driver with RoomReady or RoomFailure.
/// </summary>
public sealed class FakeRoomServer : IAsyncDisposable
{
    private static int nextPort = 41000;
    private readonly IDriver driver;
    private readonly Channel<ServerEvent> events = Channel.CreateUnbounded<ServerEvent>();
    private IAsyncDisposable? subscription;

    private FakeRoomServer(IDriver driver, string serverId)
    {
        this.driver = driver;
        ServerId = serverId;
    }

    public string ServerId { get; }

    public AssignmentOutcome OnAssigned { get; set; } = AssignmentOutcome.Ready;

    public string FailureReason { get; set; } = "subprocess spawn failed: exec format error";

    /// <summary>The secret given to each room this server started.</summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new();

    public static async Task<FakeRoomServer> StartAsync(IDriver driver, string serverId, IReadOnlyDictionary<string, string>? tags = null, params string[] roomTypes)
    {
        var server = new FakeRoomServer(driver, serverId);
        server.subscription = await driver.SubscribeServerEventsAsync(serverId, server.OnEventAsync);
        await server.HeartbeatAsync(tags, roomTypes.Length == 0 ? ["chat"] : roomTypes);
        return server;
    }

    public Task<HeartbeatResult> HeartbeatAsync(IReadOnlyDictionary<string, string>? tags = null, IReadOnlyList<string>? roomTypes = null) =>
        driver.HeartbeatAsync(new ServerHeartbeat(ServerId, $"http://{ServerId}.test:3000", tags ?? Tags.None, roomTypes ?? ["chat"]));

    /// <summary>The next event the server received, waiting at most ten seconds.</summary>
    public async Task<ServerEvent> NextEventAsync() => await events.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        if (subscription is not null)
        {
            await subscription.DisposeAsync();
        }
    }

    private async ValueTask OnEventAsync(ServerEvent serverEvent)
    {
        if (serverEvent is RoomAssignedEvent assigned)
        {
            switch (OnAssigned)
            {
                case AssignmentOutcome.Ready:
                    var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                    Secrets[assigned.RoomId] = secret;
                    await driver.RoomReadyAsync(assigned.RoomId, $"ws://127.0.0.1:{Interlocked.Increment(ref nextPort)}", secret);
                    break;
                case AssignmentOutcome.Fail:
                    await driver.RoomFailureAsync(assigned.RoomId, FailureReason);
                    break;
            }
        }

        events.Writer.TryWrite(serverEvent);
    }
}
