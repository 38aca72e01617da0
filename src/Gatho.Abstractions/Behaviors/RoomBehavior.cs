namespace Gatho;

/// <summary>
/// Base class for hand-written rooms: override what you need. Defaults accept every client, ignore messages, and let a
/// dropped client leave (no reconnection window), exactly as a gatho room with no callbacks.
/// </summary>
public abstract class RoomBehavior : IRoomBehavior
{
    /// <inheritdoc />
    public virtual ValueTask OnStartAsync(IRoom room) => default;

    /// <inheritdoc />
    public virtual ValueTask<AuthResult> OnAuthAsync(IRoom room, AuthRequest request) => new(AuthResult.Ok());

    /// <inheritdoc />
    public virtual ValueTask OnJoinAsync(IRoom room, IRoomClient client) => default;

    /// <inheritdoc />
    public virtual ValueTask OnMessageAsync(IRoom room, IRoomClient client, RoomMessage message) => default;

    /// <inheritdoc />
    public virtual ValueTask OnDropAsync(IRoom room, IRoomClient client, int closeCode) => default;

    /// <inheritdoc />
    public virtual ValueTask OnReconnectAsync(IRoom room, IRoomClient client) => default;

    /// <inheritdoc />
    public virtual ValueTask OnLeaveAsync(IRoom room, IRoomClient client) => default;

    /// <inheritdoc />
    public virtual ValueTask OnShutdownAsync(IRoom room) => default;
}
