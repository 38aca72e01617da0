using System.Collections.Concurrent;
using Gatho.Protocol.Notify;
using Gatho.Server.Runners;

namespace Gatho.Server.Tests.Support;

/// <summary>
/// A runner whose "rooms" are <see cref="FakeRoom"/>s the test scripts. By default a started room dials its channel
/// and reports <c>ready</c> on a made-up port, and it "exits" (reports <see cref="RunnerContext.Stopped"/>) when the
/// server stops it, by command or by stopper. Every start is recorded, so tests can count spawns and reach each room.
/// </summary>
internal sealed class FakeRoomRunner : IRoomRunner, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FakeRoomHandle> rooms = new(StringComparer.Ordinal);
    private int starts;

    /// <summary>What a started room does; default: dial and report ready.</summary>
    public Func<FakeRoomHandle, Task> OnStart { get; init; } = handle => handle.DialAndReadyAsync();

    /// <summary>Whether a room exits when the server sends it a stop command (a real room does).</summary>
    public bool ObeysStopCommand { get; init; } = true;

    /// <summary>Whether a room exits when its stopper runs (a SIGKILL always works).</summary>
    public bool ExitsOnStopper { get; init; } = true;

    public int Starts => Volatile.Read(ref starts);

    public IReadOnlyCollection<FakeRoomHandle> Handles => rooms.Values.ToArray();

    public FakeRoomHandle this[string roomId] => rooms[roomId];

    public bool TryGet(string roomId, out FakeRoomHandle handle) => rooms.TryGetValue(roomId, out handle!);

    /// <summary>Waits until the server has started <paramref name="roomId"/> here.</summary>
    public async Task<FakeRoomHandle> StartedAsync(string roomId)
    {
        await Wait.UntilAsync(() => rooms.ContainsKey(roomId), $"room {roomId} started by the runner");
        return rooms[roomId];
    }

    public async ValueTask<IRoomStopper> StartAsync(RunnerContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref starts);
        var handle = new FakeRoomHandle(context, this);
        rooms[context.RoomId] = handle;
        await OnStart(handle);
        return handle;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var handle in rooms.Values)
        {
            await handle.DisposeRoomAsync();
        }
    }
}

/// <summary>One started fake room: its runner context, its channel (once dialled), and what the server did to it.</summary>
internal sealed class FakeRoomHandle : IRoomStopper
{
    private readonly FakeRoomRunner runner;
    private readonly TaskCompletionSource<int?> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource dialled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> stopReasons = new();
    private int stopperCalls;

    public FakeRoomHandle(RunnerContext context, FakeRoomRunner runner)
    {
        Context = context;
        this.runner = runner;
    }

    public RunnerContext Context { get; }

    public string RoomId => Context.RoomId;

    public FakeRoom? Room { get; private set; }

    public int StopperCalls => Volatile.Read(ref stopperCalls);

    /// <summary>Reasons of the stop commands the server sent, in order.</summary>
    public IReadOnlyCollection<string> StopReasons => stopReasons.ToArray();

    /// <summary>Completes when this room "exited" (reported Stopped).</summary>
    public Task<int?> Exited => exited.Task;

    public async Task<FakeRoom> DialAsync()
    {
        Room = await FakeRoom.DialAsync(Context.NotifySocketPath);
        _ = FollowCommandsAsync(Room);
        dialled.TrySetResult();
        return Room;
    }

    public async Task DialAndReadyAsync(ushort port = 40000)
    {
        var room = await DialAsync();
        await room.SendAsync(new ReadyNotify(port));
    }

    /// <summary>Sends a message on the channel, once the room has dialled it (the runner may still be dialling).</summary>
    public async Task SendAsync(NotifyMessage message)
    {
        await Wait.ForAsync(dialled.Task, $"room {RoomId} to dial its channel");
        await Room!.SendAsync(message);
    }

    /// <summary>The process "exits": its channel closes and the runner reports it.</summary>
    public async Task ExitAsync(int? code)
    {
        if (Room is { } room)
        {
            await room.DisposeAsync();
        }

        exited.TrySetResult(code);
        Context.Stopped(code);
    }

    public ValueTask StopAsync()
    {
        Interlocked.Increment(ref stopperCalls);
        if (runner.ExitsOnStopper)
        {
            _ = ExitAsync(137);
        }

        return ValueTask.CompletedTask;
    }

    public async Task DisposeRoomAsync()
    {
        if (Room is { } room)
        {
            await room.DisposeAsync();
        }
    }

    private async Task FollowCommandsAsync(FakeRoom room)
    {
        await foreach (var command in room.Commands.ReadAllAsync())
        {
            if (command is StopRoomCommand stop)
            {
                stopReasons.Enqueue(stop.Reason);
                if (runner.ObeysStopCommand)
                {
                    await ExitAsync(0);
                    return;
                }
            }
        }
    }
}
