namespace Gatho.Drivers.Events;

/// <summary>
/// A change the driver pushes to the server a room is placed on, so the server acts at once instead of at its next
/// heartbeat. Pushes can be lost (network drivers); the heartbeat's desired-room set stays the authority.
/// </summary>
/// <param name="RoomId">The room the event is about.</param>
public abstract record ServerEvent(string RoomId);

/// <summary>A room was registered for this server: start it.</summary>
/// <param name="RoomId">The new room.</param>
/// <param name="RoomType">Its type.</param>
/// <param name="DataJson">Its creation data (a JSON object).</param>
public sealed record RoomAssignedEvent(string RoomId, string RoomType, string DataJson) : ServerEvent(RoomId);

/// <summary>
/// A room of this server was removed from the driver (destroyed through the SDK, or reported failed): stop its
/// process. Not sent when the server's own record goes (unregister, reap), nor when a requested room's TTL lapses.
/// </summary>
/// <param name="RoomId">The removed room.</param>
public sealed record RoomRemovedEvent(string RoomId) : ServerEvent(RoomId);
