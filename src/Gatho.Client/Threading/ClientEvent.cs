namespace Gatho.Client.Threading;

/// <summary>What happened, queued until the dispatcher raises it.</summary>
internal enum ClientEventKind
{
    Opened,
    Message,
    Dropped,
    Reconnected,
    AuthError,
    Closed,
    Error,
    SessionChanged,
}

/// <summary>One queued event. A struct so a received message costs no extra allocation on its way to the app.</summary>
internal readonly struct ClientEvent
{
    public ClientEvent(ClientEventKind kind, object? payload = null, ClientMessage message = default)
    {
        Kind = kind;
        Payload = payload;
        Message = message;
    }

    public ClientEventKind Kind { get; }

    /// <summary><see cref="ClientDrop"/>, auth error text, <see cref="ClientCloseInfo"/>, <see cref="Exception"/> or <see cref="GathoSession"/>.</summary>
    public object? Payload { get; }

    public ClientMessage Message { get; }
}
