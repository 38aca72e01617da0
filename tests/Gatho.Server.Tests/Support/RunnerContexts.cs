using Gatho.Server.Runners;

namespace Gatho.Server.Tests.Support;

/// <summary>A runner context made by hand (as the server makes one), recording what the runner reports back.</summary>
internal sealed class RecordedContext
{
    private readonly TaskCompletionSource<int?> stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> errors = new();
    private int stoppedCalls;

    public RecordedContext(string socketDirectory, string roomId = "room-1", string dataJson = "{}")
    {
        Context = new RunnerContext(
            roomId,
            "echo",
            "server-1",
            "secret-" + roomId,
            dataJson,
            Path.Combine(socketDirectory, roomId, "sock"),
            "127.0.0.1",
            code =>
            {
                Interlocked.Increment(ref stoppedCalls);
                stopped.TrySetResult(code);
            },
            message =>
            {
                lock (errors)
                {
                    errors.Add(message);
                }
            });
    }

    public RunnerContext Context { get; }

    /// <summary>The exit code the runner reported (once).</summary>
    public Task<int?> Stopped => stopped.Task;

    /// <summary>How many times the server heard "stopped" (the context passes on only the first).</summary>
    public int StoppedCalls => Volatile.Read(ref stoppedCalls);

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToArray();
            }
        }
    }
}
