using Gatho.Room.Transport;

namespace Gatho.Room.Runtime;

/// <summary>
/// Thread-safe entry points for transports: each queues its event on the room thread, so socket events and room code
/// are ordered in one sequence (a frame read before a close is processed before it).
/// </summary>
internal sealed partial class RoomRuntime
{
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
    internal void EnqueueReceived(IClientConnection connection, InboundMessage message) =>
        Dispatcher.Post(() =>
        {
            var deferred = false;
            try
            {
                deferred = Received(connection, message);
            }
            finally
            {
                // A message handed to its client's handler queue frees its slot when the handler completes.
                if (!deferred)
                {
                    connection.MessageProcessed();
                }
            }
        });

    /// <summary><paramref name="connection"/> closed with <paramref name="code"/> (1006 when it died without a close frame).</summary>
    internal void EnqueueClosed(IClientConnection connection, int code) =>
        Dispatcher.Post(() =>
        {
            connections.Remove(connection);
            Closed(connection, code);
        });
}
