using Gatho.Drivers;
using Gatho.Drivers.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatho.Sdk;

/// <summary>
/// What a backend uses to run rooms (gatho-behaviour §9): create rooms on servers and wait until they run, destroy
/// them, mint seat URLs for clients, list and tag rooms and servers. It talks only to the driver, so any number of
/// backend instances can use it side by side. Thread-safe.
/// </summary>
public sealed partial class GathoSdk
{
    /// <summary>How long <see cref="CreateRoomAsync"/> waits by default: 10 seconds (gatho's <c>timeoutMs</c>).</summary>
    public static readonly TimeSpan DefaultCreateTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How much longer than the caller's wait a requested room's record lives: 10 seconds, so a server that picked the
    /// room up just before the caller gave up still finds the record, and a room nobody waits for lapses soon after.
    /// </summary>
    public static readonly TimeSpan RegistrationGrace = TimeSpan.FromSeconds(10);

    /// <summary>How long a seat stays valid by default: 30 seconds (gatho's join <c>ttl</c>).</summary>
    public static readonly TimeSpan DefaultSeatTtl = TimeSpan.FromSeconds(30);

    private readonly ILogger logger;

    /// <summary>Creates an SDK over <paramref name="driver"/> (with the memory driver: the same instance the server uses).</summary>
    public GathoSdk(IDriver driver, ILogger<GathoSdk>? logger = null)
    {
        Driver = driver ?? throw new ArgumentNullException(nameof(driver));
        this.logger = logger ?? NullLogger<GathoSdk>.Instance;
    }

    // Not public: the driver hands out room secrets (ReserveClientAsync), and a user who needs it already holds it —
    // they constructed it or registered it as IDriver in the container (docs/drivers.md, "Who holds the driver").
    internal IDriver Driver { get; }

    /// <summary>The room, with its clients, or null when there is no such room.</summary>
    public Task<RoomInfo?> GetRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        Driver.GetRoomAsync(roomId, cancellationToken);

    /// <summary>Rooms matching <paramref name="filter"/> (all when null), oldest first.</summary>
    public Task<IReadOnlyList<RoomInfo>> GetRoomsAsync(RoomFilter? filter = null, CancellationToken cancellationToken = default) =>
        Driver.ListRoomsAsync(filter, cancellationToken);

    /// <summary>Live servers matching <paramref name="filter"/> (all when null), each with its rooms and their clients.</summary>
    public Task<IReadOnlyList<ServerInfo>> GetServersAsync(ServerFilter? filter = null, CancellationToken cancellationToken = default) =>
        Driver.ListServersAsync(filter, cancellationToken);

    /// <summary>Merges tags into a room's tags.</summary>
    /// <exception cref="Drivers.Errors.RoomNotFoundException">No such room.</exception>
    public Task AddRoomTagsAsync(string roomId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        Driver.AddRoomTagsAsync(roomId, tags, cancellationToken);

    /// <summary>Removes tag keys from a room.</summary>
    /// <exception cref="Drivers.Errors.RoomNotFoundException">No such room.</exception>
    public Task RemoveRoomTagsAsync(string roomId, IEnumerable<string> keys, CancellationToken cancellationToken = default) =>
        Driver.RemoveRoomTagsAsync(roomId, keys, cancellationToken);

    /// <summary>Merges tags into a server's tags (the server sees them in its next heartbeat).</summary>
    /// <exception cref="Drivers.Errors.ServerNotFoundException">No such server.</exception>
    public Task AddServerTagsAsync(string serverId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        Driver.AddServerTagsAsync(serverId, tags, cancellationToken);

    /// <summary>Removes tag keys from a server.</summary>
    /// <exception cref="Drivers.Errors.ServerNotFoundException">No such server.</exception>
    public Task RemoveServerTagsAsync(string serverId, IEnumerable<string> keys, CancellationToken cancellationToken = default) =>
        Driver.RemoveServerTagsAsync(serverId, keys, cancellationToken);
}
