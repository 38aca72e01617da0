using Gatho.Protocol.Closing;
using Gatho.Protocol.Notify;
using Gatho.Room.Transport;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Runtime;

/// <summary>Drops, reconnection windows and evictions (gatho-behaviour §4.2–4.3).</summary>
internal sealed partial class RoomRuntime
{
    /// <summary>A socket closed. Close code 4000 is a permanent leave; anything else is a drop the client may resume from.</summary>
    private void Closed(IClientConnection connection, int code)
    {
        var client = connection.Client;
        if (client is null || !ReferenceEquals(client.Connection, connection))
        {
            // Never admitted, or replaced by a newer socket: its close must not touch the live client.
            return;
        }

        if (code == CloseCodes.Consented)
        {
            Evict(client, closeCode: null);
            return;
        }

        _ = DropAsync(client, code);
    }

    /// <summary>
    /// The client stays tracked without a socket while <c>OnDrop</c> decides; if no reconnection window is set when it
    /// finishes (and the client has not resumed meanwhile), the client leaves.
    /// </summary>
    private async Task DropAsync(RoomClient client, int code)
    {
        client.Session.Detach();
        var generation = client.Session.DropGeneration;
        logger.LogDebug("room {RoomId}: {ClientId} dropped with {Code}", RoomId, client.Id, code);
        await Callback(() => behavior.OnDropAsync(this, client, code), "OnDrop", client);
        if (client.IsInRoom && client.Connection is null && client.Session.DropGeneration == generation && !client.Session.HasReconnectionWindow)
        {
            Evict(client, closeCode: null);
        }
    }

    internal void AllowReconnection(RoomClient client, TimeSpan window)
    {
        if (!client.IsInRoom || client.Connection is not null || state != RoomState.Running)
        {
            return;
        }

        client.Session.OpenWindow(() => NewTimer(window, null, () =>
        {
            logger.LogDebug("room {RoomId}: reconnection window of {ClientId} expired", RoomId, client.Id);
            Evict(client);
        }, e => logger.LogError(e, "room {RoomId}: window expiry failed", RoomId)));
    }

    /// <summary>
    /// Removes a client for good (idempotent): its session and buffer go, its socket (if any) closes with
    /// <paramref name="closeCode"/>, then <c>OnLeave</c> runs and the server hears <c>client-disconnected</c>.
    /// </summary>
    /// <param name="client">The client that leaves.</param>
    /// <param name="closeCode">The close code for its socket; null when the socket is already gone.</param>
    /// <param name="reason">The close reason.</param>
    /// <param name="fromRoomCode">
    /// True when room code's own call caused it (a <c>Send</c> over the client's budget): <c>OnLeave</c> then runs after
    /// that callback returns, never inside it, so room code is not re-entered while it iterates its players.
    /// </param>
    internal void Evict(RoomClient client, int? closeCode = CloseCodes.Consented, string reason = CloseReasons.Evicted, bool fromRoomCode = false)
    {
        if (!client.IsInRoom)
        {
            return;
        }

        client.IsInRoom = false;
        sessions.Revoke(client);
        if (closeCode is { } code)
        {
            client.Connection?.Close(code, reason);
        }

        client.Session.End();
        clients.Remove(client);
        logger.LogDebug("room {RoomId}: {ClientId} left ({Reason})", RoomId, client.Id, reason);
        if (fromRoomCode)
        {
            Dispatcher.Post(() => _ = Callback(() => behavior.OnLeaveAsync(this, client), "OnLeave", client));
        }
        else
        {
            _ = Callback(() => behavior.OnLeaveAsync(this, client), "OnLeave", client);
        }

        notify?.Send(new ClientDisconnectedNotify(client.Id));
    }

    /// <summary>A connection broke the protocol or sent too much: close it with the given code; its client leaves.</summary>
    private void Violation(IClientConnection connection, int code, string reason)
    {
        logger.LogWarning("room {RoomId}: closing {Remote} ({ClientId}) with {Code}: {Reason}", RoomId, connection.Description, connection.Client?.Id ?? "not admitted", code, reason);
        var closeReason = code == CloseCodes.MessageTooBig ? CloseReasons.MessageTooBig : CloseReasons.ProtocolError;
        var client = connection.Client;
        if (client is not null && ReferenceEquals(client.Connection, connection))
        {
            Evict(client, code, closeReason);
        }
        else
        {
            connection.Close(code, closeReason);
        }
    }
}
