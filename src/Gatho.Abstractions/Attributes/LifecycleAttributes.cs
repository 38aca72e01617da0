namespace Gatho;

/// <summary>
/// Decides whether a client may join: <c>AuthResult OnAuth(AuthRequest request)</c> (or returning
/// <c>ValueTask&lt;AuthResult&gt;</c>). Without one every client is accepted with no data.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnAuthAttribute : Attribute
{
}

/// <summary>A client joined: <c>void OnJoin(IRoomClient client)</c>. Runs right after the client got its session.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnJoinAttribute : Attribute
{
}

/// <summary>
/// Handles one message type: <c>void Handle(IRoomClient client, Move message)</c>. One method per message type; raw
/// <c>string</c> and <c>ReadOnlyMemory&lt;byte&gt;</c> handlers stay possible for gatho-style rooms.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnMessageAttribute : Attribute
{
}

/// <summary>
/// A client dropped without consent: <c>void OnDrop(IRoomClient client, int closeCode)</c>. Call
/// <see cref="IRoomClient.AllowReconnection"/> to hold its seat; otherwise it leaves when the handler returns.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnDropAttribute : Attribute
{
}

/// <summary>A dropped client resumed its session: <c>void OnReconnect(IRoomClient client)</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnReconnectAttribute : Attribute
{
}

/// <summary>A client left for good (consented, evicted, window expired): <c>void OnLeave(IRoomClient client)</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnLeaveAttribute : Attribute
{
}

/// <summary>The room is stopping (SIGTERM, server request or <see cref="IRoom.StopAsync"/>): <c>void OnShutdown()</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnShutdownAttribute : Attribute
{
}

/// <summary>
/// The room is listening and about to report ready: <c>void OnStart()</c>. The place to schedule game-loop timers
/// with <see cref="IRoom.ScheduleRepeating"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnStartAttribute : Attribute
{
}
