using Gatho.Protocol.Closing;
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

    /// <summary>A socket was accepted to resume a session.</summary>
    internal void EnqueueResume(IClientConnection connection, string sessionToken, uint? ack) =>
        Dispatcher.Post(() =>
        {
            connections.Add(connection);
            Resume(connection, sessionToken, ack);
        });

    /// <summary>
    /// A socket was accepted although its <c>gv</c> is not a version this room speaks: it gets a readable
    /// <c>auth_error</c> and a 4000 close instead of a bare HTTP error (as gatho).
    /// </summary>
    internal void EnqueueVersionMismatch(IClientConnection connection, string error) =>
        Dispatcher.Post(() =>
        {
            connections.Add(connection);
            Refuse(connection, error, CloseCodes.Consented, CloseReasons.ProtocolVersionMismatch);
        });

    /// <summary>A complete message arrived on <paramref name="connection"/>.</summary>
    internal void EnqueueReceived(IClientConnection connection, InboundMessage message) =>
        Dispatcher.Post(() =>
        {
            try
            {
                Received(connection, message);
            }
            finally
            {
                connection.MessageProcessed();
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
