namespace Gatho.Drivers.Model;

/// <summary>A room the driver says a server should be running (level-triggered reconcile input).</summary>
/// <param name="RoomId">The room.</param>
/// <param name="RoomType">Its type.</param>
/// <param name="DataJson">Its creation data (a JSON object).</param>
/// <param name="Status">Requested (start it if not started) or running (it should exist locally).</param>
public sealed record DesiredRoom(string RoomId, string RoomType, string DataJson, RoomStatus Status);
