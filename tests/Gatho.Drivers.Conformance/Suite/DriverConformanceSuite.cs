using System.Collections.Immutable;
using Gatho.Drivers.Model;

namespace Gatho.Drivers.Conformance.Suite;

/// <summary>
/// The contract every <see cref="IDriver"/> must honour (gatho-behaviour §8, plus Gatho.NET's push events). A driver's
/// test class derives from this, supplies a fresh driver per test and a way to move time, and inherits every test.
/// Tests talk to the driver through <see cref="IDriver"/> only.
/// </summary>
/// <remarks>
/// Time: tests register servers right after the driver is created and move time only through
/// <see cref="AdvanceTimeAsync"/>, which must fire the driver's timers at (about) their due times, as a real clock
/// would. "Stale" is reached by advancing <see cref="StaleServerAfter"/> plus one second.
/// </remarks>
public abstract partial class DriverConformanceSuite : IAsyncLifetime
{
    private int endpointCounter;

    /// <summary>The driver under test (fresh for every test).</summary>
    protected IDriver Driver { get; private set; } = null!;

    /// <summary>The staleness threshold the driver is created with; networked drivers may shorten it to keep tests fast.</summary>
    protected virtual TimeSpan StaleServerAfter => TimeSpan.FromSeconds(30);

    /// <summary>Creates an empty driver whose servers go stale after <paramref name="staleServerAfter"/>.</summary>
    protected abstract Task<IDriver> CreateDriverAsync(TimeSpan staleServerAfter);

    /// <summary>Moves the driver's clock forward by <paramref name="by"/>, firing its timers along the way.</summary>
    protected abstract Task AdvanceTimeAsync(TimeSpan by);

    public async Task InitializeAsync() => Driver = await CreateDriverAsync(StaleServerAfter);

    public async Task DisposeAsync() => await Driver.DisposeAsync();

    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    protected static IReadOnlyDictionary<string, string> Tags(params (string Key, string Value)[] pairs) =>
        pairs.ToImmutableDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    protected static void AssertTags(IReadOnlyDictionary<string, string> actual, params (string Key, string Value)[] expected) =>
        Assert.Equal(
            expected.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"),
            actual.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));

    protected string NewEndpoint() => $"http://10.0.0.{Interlocked.Increment(ref endpointCounter)}:3000";

    /// <summary>Registers a server through its first heartbeat; returns its id.</summary>
    protected async Task<string> RegisterServerAsync(
        string? serverId = null,
        string? endpoint = null,
        IReadOnlyDictionary<string, string>? tags = null,
        params string[] roomTypes)
    {
        serverId ??= NewId("server");
        var result = await Driver.HeartbeatAsync(new ServerHeartbeat(
            serverId,
            endpoint ?? NewEndpoint(),
            tags ?? Model.Tags.None,
            roomTypes.Length == 0 ? ["chat", "duel"] : roomTypes));
        Assert.True(result.Registered);
        return serverId;
    }

    /// <summary>Registers a requested room; returns its id.</summary>
    protected async Task<string> RegisterRoomAsync(
        string serverId,
        string roomType = "chat",
        string? dataJson = null,
        IReadOnlyDictionary<string, string>? tags = null,
        TimeSpan? ttl = null,
        string? roomId = null)
    {
        roomId ??= NewId("room");
        await Driver.RegisterRoomAsync(new RoomRegistration(roomId, roomType, serverId, ttl ?? TimeSpan.FromMinutes(5), dataJson, tags));
        return roomId;
    }

    /// <summary>Registers a room and reports it ready; returns its id.</summary>
    protected async Task<string> StartRoomAsync(string serverId, string roomType = "chat", IReadOnlyDictionary<string, string>? tags = null)
    {
        var roomId = await RegisterRoomAsync(serverId, roomType, tags: tags);
        Assert.True(await Driver.RoomReadyAsync(roomId, EndpointOf(roomId), SecretOf(roomId)));
        return roomId;
    }

    protected static string EndpointOf(string roomId) => $"ws://127.0.0.1:4000/{roomId}";

    protected static string SecretOf(string roomId) => $"secret-of-{roomId}";

    protected Task<ClientReservation> ReserveAsync(string roomId, TimeSpan? ttl = null, string? dataJson = null, IReadOnlyDictionary<string, string>? tags = null) =>
        Driver.ReserveClientAsync(new ClientReservationRequest(roomId, ttl ?? TimeSpan.FromSeconds(30), dataJson, tags));

    protected async Task<RoomInfo> RequireRoomAsync(string roomId) =>
        await Driver.GetRoomAsync(roomId) ?? throw new Xunit.Sdk.XunitException($"room {roomId} should exist");

    /// <summary>Moves past the staleness threshold of servers that last beat when the test started.</summary>
    protected Task MakeServersStaleAsync() => AdvanceTimeAsync(StaleServerAfter + TimeSpan.FromSeconds(1));

    /// <summary>Awaits <paramref name="task"/> with a ten-second upper bound (never a fixed sleep).</summary>
    protected static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(10));
}
