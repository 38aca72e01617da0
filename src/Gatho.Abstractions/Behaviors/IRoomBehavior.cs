namespace Gatho;

/// <summary>
/// A room's callbacks, as the runtime calls them. The source generator implements this for <c>[GathoRoom]</c> classes;
/// hand-written rooms derive from <see cref="RoomBehavior"/> or fill in a <see cref="RoomCallbacks"/>. Every method is
/// called on the room thread; an awaiting callback lets other callbacks run meanwhile (as JavaScript's event loop), but
/// two never run at the same time.
/// </summary>
public interface IRoomBehavior
{
    /// <summary>The room is listening and about to report ready.</summary>
    ValueTask OnStartAsync(IRoom room);

    /// <summary>Decides whether a client may join. Throwing sends <c>auth_error{internal error}</c> and closes 1011.</summary>
    ValueTask<AuthResult> OnAuthAsync(IRoom room, AuthRequest request);

    /// <summary>A client joined (it has received its session).</summary>
    ValueTask OnJoinAsync(IRoom room, IRoomClient client);

    /// <summary>A client sent a user message.</summary>
    ValueTask OnMessageAsync(IRoom room, IRoomClient client, RoomMessage message);

    /// <summary>
    /// A client dropped without consent (<paramref name="closeCode"/> ≠ 4000). Call <see cref="IRoomClient.AllowReconnection"/>
    /// to hold its seat; if no window is set when this returns, the client leaves.
    /// </summary>
    ValueTask OnDropAsync(IRoom room, IRoomClient client, int closeCode);

    /// <summary>A dropped client resumed; buffered messages were delivered before its new session.</summary>
    ValueTask OnReconnectAsync(IRoom room, IRoomClient client);

    /// <summary>A client left for good.</summary>
    ValueTask OnLeaveAsync(IRoom room, IRoomClient client);

    /// <summary>The room is stopping; runs before clients are told.</summary>
    ValueTask OnShutdownAsync(IRoom room);
}
