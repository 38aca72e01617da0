namespace Gatho.Drivers.Waiting;

/// <summary>A one-shot signal about a starting room, published by its server through the driver.</summary>
public abstract record RoomSignal
{
    /// <summary>The room's server reported it ready (its record just became running).</summary>
    public static RoomSignal Ready { get; } = new RoomReadySignal();

    /// <summary>The room's server reported that it failed to start, with a reason.</summary>
    public static RoomSignal Failed(string reason) => new RoomFailedSignal(reason);
}

/// <summary>The room became running.</summary>
public sealed record RoomReadySignal : RoomSignal;

/// <summary>The room failed; its record is deleted right after this is published.</summary>
/// <param name="Reason">Why, as the server reported it.</param>
public sealed record RoomFailedSignal(string Reason) : RoomSignal;
