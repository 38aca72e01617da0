using Gatho;

namespace Quickstart;

/// <summary>A client asks the counter to move by <paramref name="By"/> (+1 to increment, -1 to decrement).</summary>
public sealed record Change(int By);

/// <summary>The room tells clients the current count.</summary>
public sealed record Count(int Value);

/// <summary>
/// The counter room from gatho's README as a typed room: tells each joiner the count and everyone every change. The
/// generator binds the attributed methods, decodes <see cref="Change"/> and gives the room typed Send/Broadcast for
/// <see cref="Count"/>. Runs as its own process (started by the server).
/// </summary>
[GathoRoom("counter")]
[Sends(typeof(Count))]
public partial class CounterRoom
{
    // No lock: every callback of a room runs on its one logical thread.
    private int count;

    [OnJoin]
    private void Joined(IRoomClient client) => Send(client, new Count(count));

    [OnMessage]
    private void Changed(IRoomClient client, Change change)
    {
        count += Math.Sign(change.By);
        Broadcast(new Count(count));
    }
}

/// <summary>The typed client of <see cref="CounterRoom"/>: <c>Send(Change)</c> and a <c>Count</c> event.</summary>
[GathoClient(typeof(CounterRoom))]
public partial class CounterClient;
