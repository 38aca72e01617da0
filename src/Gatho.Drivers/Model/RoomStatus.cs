namespace Gatho.Drivers.Model;

/// <summary>Where a room is in its life, as the driver records it.</summary>
public enum RoomStatus
{
    /// <summary>Registered for a server, not yet reported ready; the record lapses after its registration TTL.</summary>
    Requested = 0,

    /// <summary>Its server reported it ready: it has an endpoint and a secret, and clients can join.</summary>
    Running = 1,
}
