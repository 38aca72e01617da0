using Gatho.Protocol.Hosting;

namespace Gatho.Server.Runners;

/// <summary>
/// What a runner gets to start one room: its identity, data and secret, the environment the room process needs
/// (<see cref="Environment"/>), and <see cref="Stopped"/> to report that the room exited.
/// </summary>
public sealed class RunnerContext
{
    private readonly Action<int?> stopped;
    private readonly Action<string> report;
    private int stoppedOnce;

    internal RunnerContext(
        string roomId,
        string roomType,
        string serverId,
        string roomSecret,
        string dataJson,
        string notifySocketPath,
        string roomHost,
        Action<int?> stopped,
        Action<string> report)
    {
        RoomId = roomId;
        RoomType = roomType;
        ServerId = serverId;
        RoomSecret = roomSecret;
        DataJson = dataJson;
        NotifySocketPath = notifySocketPath;
        this.stopped = stopped;
        this.report = report;
        Environment = new Dictionary<string, string>
        {
            [GathoEnvironment.RoomId] = roomId,
            [GathoEnvironment.RoomType] = roomType,
            [GathoEnvironment.ServerId] = serverId,
            [GathoEnvironment.RoomSecret] = roomSecret,
            [GathoEnvironment.NotifySocket] = "uds:" + notifySocketPath,
            [GathoEnvironment.RoomHost] = roomHost,
            [GathoEnvironment.RoomData] = dataJson,
        };
    }

    /// <summary>The room's id.</summary>
    public string RoomId { get; }

    /// <summary>The room's type (the key its runner is registered under).</summary>
    public string RoomType { get; }

    /// <summary>This server's id.</summary>
    public string ServerId { get; }

    /// <summary>The per-room seat-token secret (32 random bytes, base64url).</summary>
    public string RoomSecret { get; }

    /// <summary>The room's data from <c>CreateRoom</c>, a JSON object.</summary>
    public string DataJson { get; }

    /// <summary>
    /// The Unix domain socket the room dials (<c>&lt;socketDir&gt;/&lt;roomId&gt;/sock</c>, directory mode 0700). A container
    /// runner bind-mounts its directory so the path resolves inside the container too.
    /// </summary>
    public string NotifySocketPath { get; }

    /// <summary>
    /// The <c>GATHO_*</c> variables for the room process: room id, type, server id, secret, notify socket, listen address
    /// and room data. Spread them into a child's environment or pass them as <c>docker -e</c> flags.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>
    /// Tells the server the room's process exited (with its exit code, or null when unknown). Call it exactly when the
    /// room is gone — crash, clean exit or kill; later calls are ignored. It is deliberately not a notify message, so a
    /// room cannot forge its own exit.
    /// </summary>
    public void Stopped(int? exitCode)
    {
        if (Interlocked.Exchange(ref stoppedOnce, 1) == 0)
        {
            stopped(exitCode);
        }
    }

    /// <summary>
    /// Reports an error about this room to the server, e.g. a spawn failure: it is logged, and if the room then fails
    /// to start, the failure reason the creator gets includes it. Unlike a message from the room itself it does not
    /// count as the room speaking (it does not open the startup gate).
    /// </summary>
    public void ReportError(string message) => report(message);
}
