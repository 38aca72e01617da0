using Gatho.Server.Notify;
using Gatho.Server.Runners;

namespace Gatho.Server.Rooms;

/// <summary>Why a room left this server (decides what, if anything, is reported to the driver).</summary>
internal enum RoomExitReason
{
    /// <summary>Still running.</summary>
    None,

    /// <summary>The room stopped itself and said so: its record is unregistered.</summary>
    SelfStopped,

    /// <summary>This server stopped it (destroy, unwanted, drain): nothing more to report.</summary>
    StoppedByServer,

    /// <summary>A failure was already reported (startup, stall): do not report the exit again.</summary>
    FailureReported,
}

/// <summary>One room this server runs: its process handle, notify channel and health bookkeeping.</summary>
internal sealed class ManagedRoom
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int?> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ManagedRoom(string roomId, string roomType, string dataJson, string secret, DateTimeOffset spawnedAt)
    {
        RoomId = roomId;
        RoomType = roomType;
        DataJson = dataJson;
        Secret = secret;
        SpawnedAt = spawnedAt;
    }

    public string RoomId { get; }

    public string RoomType { get; }

    public string DataJson { get; }

    public string Secret { get; }

    public DateTimeOffset SpawnedAt { get; }

    public RoomProcessStatus Status { get; set; } = RoomProcessStatus.Starting;

    public string? Endpoint { get; set; }

    public DateTimeOffset? LastHeartbeatAt { get; set; }

    public int LiveClients { get; set; }

    private NotifyListener? notify;

    public NotifyListener? Notify
    {
        get => Volatile.Read(ref notify);
        set => Volatile.Write(ref notify, value);
    }

    private readonly Lock notifyGate = new();
    private Task? notifyClosed;

    /// <summary>
    /// Closes the notify listener (removing the socket and its directory) once. Every caller awaits the same close, so
    /// a drain that finds the room already being removed by its exit still returns only once the directory is gone.
    /// </summary>
    public Task CloseNotifyAsync()
    {
        lock (notifyGate)
        {
            return notifyClosed ??= Interlocked.Exchange(ref notify, null) is { } listener ? listener.DisposeAsync().AsTask() : Task.CompletedTask;
        }
    }

    // The runner's stopper and "a stop was asked for" are handed over under one lock: a stop requested from another
    // thread while the runner is returning must be applied by exactly one side, never by neither.
    private readonly Lock stopGate = new();
    private IRoomStopper? stopper;
    private bool stopRequested;

    /// <summary>
    /// Hands over the runner's stopper. True when a stop was requested while the runner was still starting the room:
    /// the caller must apply it now.
    /// </summary>
    public bool SetStopper(IRoomStopper value)
    {
        lock (stopGate)
        {
            stopper = value;
            return stopRequested;
        }
    }

    /// <summary>Requests a hard stop: returns the stopper to call now, or null when the runner has not returned yet (it is applied then).</summary>
    public IRoomStopper? RequestStop()
    {
        lock (stopGate)
        {
            stopRequested = true;
            return stopper;
        }
    }

    private int exitReason;

    /// <summary>Why the room is leaving this server; <see cref="RoomExitReason.None"/> while it runs.</summary>
    public RoomExitReason ExitReason => (RoomExitReason)Volatile.Read(ref exitReason);

    /// <summary>
    /// Decides, once, why the room leaves. True for the one caller that decided (it owns whatever must be reported),
    /// false when it was already decided: the exit, the startup gate, the stall sweep, a destroy and a drain can race
    /// for the same room, and exactly one of them may report it.
    /// </summary>
    public bool TryDecideExit(RoomExitReason reason) =>
        Interlocked.CompareExchange(ref exitReason, (int)reason, (int)RoomExitReason.None) == (int)RoomExitReason.None;

    /// <summary>The last error the runner reported for this room (e.g. a failed spawn), for the failure reason.</summary>
    public string? RunnerError { get; set; }

    /// <summary>Completes with the first notify message (the startup gate).</summary>
    public Task Started => started.Task;

    /// <summary>Completes with the exit code when the runner reports the room gone.</summary>
    public Task<int?> Exited => exited.Task;

    public bool MarkStarted() => started.TrySetResult();

    public void MarkExited(int? code) => exited.TrySetResult(code);

    public RoomDetails Details() => new(RoomId, RoomType, Endpoint, Status, LastHeartbeatAt, LiveClients);
}
