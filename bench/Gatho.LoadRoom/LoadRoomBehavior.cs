using Gatho.Room;

namespace Gatho.LoadRoom;

/// <summary>
/// The reference room's behaviour, shared by its process (Program.cs) and the load tool's tests, which host it in
/// process: a binary message whose first byte is <c>B</c> is broadcast to every client (the sender included), any other
/// message goes back to its sender with the same delivery; a dropped client's seat is held for 30 s.
/// </summary>
public static class LoadRoomBehavior
{
    /// <summary>The callbacks.</summary>
    public static RoomCallbacks Callbacks { get; } = new()
    {
        OnMessage = static (room, client, message) =>
        {
            if (!message.IsText && message.Data.Length > 0 && message.Data.Span[0] == (byte)'B')
            {
                room.Broadcast(message.Data.Span, message.IsReliable);
            }
            else
            {
                client.Send(message);
            }
        },
        OnDrop = static (room, client, code) => client.AllowReconnection(TimeSpan.FromSeconds(30)),
    };

    /// <summary>
    /// The room's options: every bound at its default except the connection limits, raised so 10,000 idle clients fit
    /// in one room.
    /// </summary>
    public static RoomOptions Options(bool standalone, int? port) => new()
    {
        Standalone = standalone,
        Port = port,
        MaxConnections = 20_000,
        MaxUnadmittedConnections = 1024,
        MaxHandshakingConnections = 20_000,
    };
}
