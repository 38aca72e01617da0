using Gatho.Drivers.Model;
using Gatho.Drivers.Waiting;

namespace Gatho.Drivers.Tests.Waiting;

/// <summary>A scripted room record and signal channel for <see cref="RoomWaiter"/>: the test decides what each read sees.</summary>
public sealed class FakeRoomSource
{
    private int reads;

    public RoomInfo? Room { get; set; }

    public int Reads => Volatile.Read(ref reads);

    /// <summary>Thrown by the next read, then cleared.</summary>
    public Exception? NextReadFailure { get; set; }

    public bool SubscribeFails { get; set; }

    /// <summary>When set, subscribing completes only when the test completes this.</summary>
    public TaskCompletionSource? SubscribeGate { get; set; }

    public Action<RoomSignal>? Signal { get; private set; }

    public int Unsubscribes { get; private set; }

    public static RoomInfo Record(string roomId, RoomStatus status) =>
        new(roomId, "chat", "server-1", status, status == RoomStatus.Running ? "ws://127.0.0.1:4000" : null, [], "{}", Tags.None, DateTimeOffset.UnixEpoch);

    public Task<RoomInfo?> ReadAsync(string roomId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reads);
        if (NextReadFailure is { } failure)
        {
            NextReadFailure = null;
            return Task.FromException<RoomInfo?>(failure);
        }

        return Task.FromResult(Room);
    }

    public async Task<IAsyncDisposable> SubscribeAsync(string roomId, Action<RoomSignal> onSignal, CancellationToken cancellationToken)
    {
        if (SubscribeGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (SubscribeFails)
        {
            throw new InvalidOperationException("subscriber connection refused");
        }

        Signal = onSignal;
        return new Unsubscriber(this);
    }

    private sealed class Unsubscriber(FakeRoomSource source) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            source.Unsubscribes++;
            source.Signal = null;
            return ValueTask.CompletedTask;
        }
    }
}
