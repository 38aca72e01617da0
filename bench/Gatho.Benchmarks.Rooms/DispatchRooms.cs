namespace Gatho.Benchmarks.Rooms;

/// <summary>Typed dispatch: the generated switch decodes <see cref="Move"/> and calls the handler.</summary>
[GathoRoom("bench-typed")]
public partial class TypedDispatchRoom
{
    /// <summary>The sum of every tick received, so the handler's work cannot be optimized away.</summary>
    public long Ticks { get; private set; }

    [OnMessage]
    private void Moved(IRoomClient client, Move move) => Ticks += move.Tick;
}

/// <summary>The baseline: a gatho-style raw bytes handler, called by the same generated <c>OnMessageAsync</c>.</summary>
[GathoRoom("bench-raw")]
public partial class RawDispatchRoom
{
    /// <summary>The sum of every payload length received, so the handler's work cannot be optimized away.</summary>
    public long Bytes { get; private set; }

    [OnMessage]
    private void Received(IRoomClient client, ReadOnlyMemory<byte> payload) => Bytes += payload.Length;
}
