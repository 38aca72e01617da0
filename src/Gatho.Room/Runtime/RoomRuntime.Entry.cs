using System.Collections.Concurrent;
using Gatho.Room.Transport;

namespace Gatho.Room.Runtime;

/// <summary>
/// Thread-safe entry points for transports: each queues its event on the room thread, so socket events and room code
/// are ordered in one sequence (a frame read before a close is processed before it).
/// </summary>
internal sealed partial class RoomRuntime
{
    private static readonly SendOrPostCallback NextSocketEventCallback = NextSocketEvent;
    private readonly ConcurrentQueue<SocketEvent> socketEvents = new();

    /// <summary>A socket was accepted for a new client whose identity is established.</summary>
    internal void EnqueueOpen(IClientConnection connection, Admission admission) =>
        Dispatcher.Post(() =>
        {
            connections.Add(connection);
            _ = OpenAsync(connection, admission);
        });

    /// <summary>A socket was accepted to resume a session (<paramref name="restart"/>: from a new client process, without a count).</summary>
    internal void EnqueueResume(IClientConnection connection, string sessionToken, uint? ack, bool restart = false) =>
        Dispatcher.Post(() =>
        {
            connections.Add(connection);
            Resume(connection, sessionToken, ack, restart);
        });

    /// <summary>A complete message arrived on <paramref name="connection"/>.</summary>
    internal void EnqueueReceived(IClientConnection connection, InboundMessage message)
    {
        // No closure per message: the event waits in one FIFO shared by every socket, and each post runs the oldest
        // event (an event and its post are queued in that order by the socket's one reader, so one socket's messages
        // and its close are handled in the order they arrived).
        socketEvents.Enqueue(new SocketEvent(connection, message, 0, IsClose: false));
        Dispatcher.Post(NextSocketEventCallback, this);
    }

    /// <summary><paramref name="connection"/> closed with <paramref name="code"/> (1006 when it died without a close frame).</summary>
    internal void EnqueueClosed(IClientConnection connection, int code)
    {
        socketEvents.Enqueue(new SocketEvent(connection, default, code, IsClose: true));
        Dispatcher.Post(NextSocketEventCallback, this);
    }

    private static void NextSocketEvent(object? state) => ((RoomRuntime)state!).NextSocketEvent();

    private void NextSocketEvent()
    {
        if (!socketEvents.TryDequeue(out var next))
        {
            return;
        }

        var connection = next.Connection;
        if (next.IsClose)
        {
            connections.Remove(connection);
            Closed(connection, next.CloseCode);
            return;
        }

        var deferred = false;
        try
        {
            deferred = Received(connection, next.Message);
        }
        finally
        {
            // A message handed to its client's handler queue frees its slot when the handler completes.
            if (!deferred)
            {
                connection.MessageProcessed();
            }
        }
    }

    /// <summary>A socket's message, or its close with its code.</summary>
    private readonly record struct SocketEvent(IClientConnection Connection, InboundMessage Message, int CloseCode, bool IsClose);
}
