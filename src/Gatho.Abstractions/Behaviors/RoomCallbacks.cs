namespace Gatho;

/// <summary>
/// A room written as callbacks, the way gatho's README writes rooms. Each callback has a synchronous form
/// (<c>OnMessage</c>) and an asynchronous one (<c>OnMessageAsync</c>); set at most one of each pair.
/// </summary>
/// <example>
/// <code>
/// new RoomCallbacks
/// {
///     OnAuth = (room, request) => room.Clients.Count >= 10 ? AuthResult.Fail("room is full") : AuthResult.Ok(),
///     OnMessage = (room, client, message) => room.Broadcast(message.Text ?? "", reliable: true),
///     OnDrop = (room, client, code) => client.AllowReconnection(TimeSpan.FromSeconds(30)),
/// };
/// </code>
/// </example>
public sealed class RoomCallbacks : IRoomBehavior
{
    /// <summary>The room is listening.</summary>
    public Action<IRoom>? OnStart { get; init; }

    /// <summary>Async form of <see cref="OnStart"/>.</summary>
    public Func<IRoom, ValueTask>? OnStartAsync { get; init; }

    /// <summary>Accept or refuse a client. Unset: accept everyone with no data.</summary>
    public Func<IRoom, AuthRequest, AuthResult>? OnAuth { get; init; }

    /// <summary>Async form of <see cref="OnAuth"/>.</summary>
    public Func<IRoom, AuthRequest, ValueTask<AuthResult>>? OnAuthAsync { get; init; }

    /// <summary>A client joined.</summary>
    public Action<IRoom, IRoomClient>? OnJoin { get; init; }

    /// <summary>Async form of <see cref="OnJoin"/>.</summary>
    public Func<IRoom, IRoomClient, ValueTask>? OnJoinAsync { get; init; }

    /// <summary>A client sent a message.</summary>
    public Action<IRoom, IRoomClient, RoomMessage>? OnMessage { get; init; }

    /// <summary>Async form of <see cref="OnMessage"/>.</summary>
    public Func<IRoom, IRoomClient, RoomMessage, ValueTask>? OnMessageAsync { get; init; }

    /// <summary>A client dropped (the int is the close code). Call <c>client.AllowReconnection(window)</c> to hold the seat.</summary>
    public Action<IRoom, IRoomClient, int>? OnDrop { get; init; }

    /// <summary>Async form of <see cref="OnDrop"/>.</summary>
    public Func<IRoom, IRoomClient, int, ValueTask>? OnDropAsync { get; init; }

    /// <summary>A dropped client resumed.</summary>
    public Action<IRoom, IRoomClient>? OnReconnect { get; init; }

    /// <summary>Async form of <see cref="OnReconnect"/>.</summary>
    public Func<IRoom, IRoomClient, ValueTask>? OnReconnectAsync { get; init; }

    /// <summary>A client left for good.</summary>
    public Action<IRoom, IRoomClient>? OnLeave { get; init; }

    /// <summary>Async form of <see cref="OnLeave"/>.</summary>
    public Func<IRoom, IRoomClient, ValueTask>? OnLeaveAsync { get; init; }

    /// <summary>The room is stopping.</summary>
    public Action<IRoom>? OnShutdown { get; init; }

    /// <summary>Async form of <see cref="OnShutdown"/>.</summary>
    public Func<IRoom, ValueTask>? OnShutdownAsync { get; init; }

    /// <summary>Throws when both forms of a callback are set (the runtime calls this before starting).</summary>
    /// <exception cref="InvalidOperationException">Both the synchronous and asynchronous form of a callback are set.</exception>
    public void Validate()
    {
        Check(OnStart, OnStartAsync, nameof(OnStart));
        Check(OnAuth, OnAuthAsync, nameof(OnAuth));
        Check(OnJoin, OnJoinAsync, nameof(OnJoin));
        Check(OnMessage, OnMessageAsync, nameof(OnMessage));
        Check(OnDrop, OnDropAsync, nameof(OnDrop));
        Check(OnReconnect, OnReconnectAsync, nameof(OnReconnect));
        Check(OnLeave, OnLeaveAsync, nameof(OnLeave));
        Check(OnShutdown, OnShutdownAsync, nameof(OnShutdown));
    }

    ValueTask IRoomBehavior.OnStartAsync(IRoom room) => Run(OnStart, OnStartAsync, room);

    ValueTask<AuthResult> IRoomBehavior.OnAuthAsync(IRoom room, AuthRequest request)
    {
        if (OnAuthAsync is not null)
        {
            return OnAuthAsync(room, request);
        }

        return new ValueTask<AuthResult>(OnAuth is null ? AuthResult.Ok() : OnAuth(room, request));
    }

    ValueTask IRoomBehavior.OnJoinAsync(IRoom room, IRoomClient client) => Run(OnJoin, OnJoinAsync, room, client);

    ValueTask IRoomBehavior.OnMessageAsync(IRoom room, IRoomClient client, RoomMessage message)
    {
        if (OnMessageAsync is not null)
        {
            return OnMessageAsync(room, client, message);
        }

        OnMessage?.Invoke(room, client, message);
        return default;
    }

    ValueTask IRoomBehavior.OnDropAsync(IRoom room, IRoomClient client, int closeCode)
    {
        if (OnDropAsync is not null)
        {
            return OnDropAsync(room, client, closeCode);
        }

        OnDrop?.Invoke(room, client, closeCode);
        return default;
    }

    ValueTask IRoomBehavior.OnReconnectAsync(IRoom room, IRoomClient client) => Run(OnReconnect, OnReconnectAsync, room, client);

    ValueTask IRoomBehavior.OnLeaveAsync(IRoom room, IRoomClient client) => Run(OnLeave, OnLeaveAsync, room, client);

    ValueTask IRoomBehavior.OnShutdownAsync(IRoom room) => Run(OnShutdown, OnShutdownAsync, room);

    private static ValueTask Run(Action<IRoom>? sync, Func<IRoom, ValueTask>? async, IRoom room)
    {
        if (async is not null)
        {
            return async(room);
        }

        sync?.Invoke(room);
        return default;
    }

    private static ValueTask Run(Action<IRoom, IRoomClient>? sync, Func<IRoom, IRoomClient, ValueTask>? async, IRoom room, IRoomClient client)
    {
        if (async is not null)
        {
            return async(room, client);
        }

        sync?.Invoke(room, client);
        return default;
    }

    private static void Check(object? sync, object? async, string name)
    {
        if (sync is not null && async is not null)
        {
            throw new InvalidOperationException($"both {name} and {name}Async are set; set one of them");
        }
    }
}
