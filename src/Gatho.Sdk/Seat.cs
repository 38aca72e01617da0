namespace Gatho.Sdk;

/// <summary>A reserved place in a room: hand <see cref="Url"/> to the client, which connects to the room with it.</summary>
/// <param name="ClientId">The client's id inside the room.</param>
/// <param name="Url">The room endpoint with <c>?token=&lt;seat token&gt;</c>; single use, valid until <see cref="ExpiresAt"/>.</param>
/// <param name="RoomId">The room.</param>
/// <param name="ExpiresAt">When the seat lapses if the client has not connected.</param>
public sealed record Seat(string ClientId, string Url, string RoomId, DateTimeOffset ExpiresAt);
