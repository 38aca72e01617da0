namespace Gatho.Benchmarks.Rooms;

/// <summary>A room that broadcasts typed <see cref="Moved"/> updates (the generated, encode-once Broadcast).</summary>
[GathoRoom("bench-broadcast")]
[Sends(typeof(Moved))]
public partial class BroadcastRoom
{
    /// <summary>Broadcasts <paramref name="update"/> to every client through the generated typed Broadcast.</summary>
    public void Publish(Moved update) => Broadcast(update);

    /// <summary>The bytes a typed broadcast of <paramref name="update"/> puts on the wire (the raw baseline sends these).</summary>
    public static byte[] Encode(Moved update) => GathoContract.Instance.Encode(update);
}
