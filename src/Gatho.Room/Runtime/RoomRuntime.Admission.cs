using Gatho.Protocol.Closing;
using Gatho.Protocol.Messages;
using Gatho.Protocol.Notify;
using Gatho.Room.Transport;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Runtime;

/// <summary>Joining and resuming (gatho-behaviour §2.3 and §4.2, DESIGN D2/D3).</summary>
internal sealed partial class RoomRuntime
{
    /// <summary>
    /// A new client whose seat token verified. Order as gatho: version gate, one-shot seat, <c>OnAuth</c>, then the
    /// session, <c>client-connected</c> and <c>OnJoin</c>. The socket joins broadcasts only once admitted.
    /// </summary>
    private async Task OpenAsync(IClientConnection connection, Admission admission)
    {
        if (state != RoomState.Running)
        {
            connection.Close(CloseCodes.GoingAway, CloseReasons.RoomShuttingDown);
            return;
        }

        var id = admission.ClientId;
        var now = options.TimeProvider.GetUtcNow();
        if (clients.Has(id) || authenticating.Contains(id)
            || (admission.TokenId is { } tokenId && !redeemed.TryRedeem(tokenId, admission.ForgetTokenAfter ?? now, now)))
        {
            logger.LogInformation("room {RoomId}: seat for {ClientId} refused: already in use or already redeemed", RoomId, id);
            Refuse(connection, AuthErrors.SeatAlreadyInUse, CloseCodes.Consented, CloseReasons.SeatAlreadyInUse);
            return;
        }

        authenticating.Add(id);
        AuthResult result;
        try
        {
            result = await behavior.OnAuthAsync(this, new AuthRequest(id, admission.JoinDataJson, admission.Tags));
        }
        catch (Exception e)
        {
            logger.LogError(e, "room {RoomId}: OnAuth threw for {ClientId}", RoomId, id);
            Refuse(connection, AuthErrors.InternalError, CloseCodes.InternalError, CloseReasons.InternalError);
            return;
        }
        finally
        {
            authenticating.Remove(id);
        }

        if (!result.IsOk)
        {
            Refuse(connection, result.Error ?? string.Empty, CloseCodes.Consented, CloseReasons.AuthRejected);
            return;
        }

        if (state != RoomState.Running)
        {
            connection.Close(CloseCodes.GoingAway, CloseReasons.RoomShuttingDown);
            return;
        }

        if (connection.IsClosed)
        {
            // The socket died while OnAuth ran: nobody to admit.
            return;
        }

        var client = new RoomClient(this, id, result.Data, admission.Tags, connection.ProtocolVersion, SessionLimits);
        client.Attach(connection);
        clients.Add(client);
        var token = sessions.Issue(client);
        SendProtocol(connection, new SessionMessage(id, token));
        connection.Admit();
        notify?.Send(new ClientConnectedNotify(id, RoomId, client.Tags));
        logger.LogDebug("room {RoomId}: {ClientId} joined over v{Version} from {Remote}", RoomId, id, client.ProtocolVersion, connection.Description);
        await Callback(() => behavior.OnJoinAsync(this, client), "OnJoin", client);
    }

    /// <summary>
    /// A resume with a session token (§4.2; v2 adds replay, DESIGN D2). A v2 session may take over from a socket the room
    /// still believes alive (half-open): that socket is treated as dropped first, so <c>OnDrop</c> sees it and the
    /// room's reconnection policy still decides.
    /// </summary>
    private void Resume(IClientConnection connection, string sessionToken, uint? ack, bool restart)
    {
        if (state != RoomState.Running)
        {
            connection.Close(CloseCodes.GoingAway, CloseReasons.RoomShuttingDown);
            return;
        }

        var client = sessions.Find(sessionToken);
        if (client is null || !client.IsInRoom || client.ProtocolVersion != connection.ProtocolVersion)
        {
            RefuseSession(connection, client);
            return;
        }

        if (client.Connection is { } stale)
        {
            if (!client.IsV2)
            {
                RefuseSession(connection, client);
                return;
            }

            stale.Abort();
            _ = DropAsync(client, CloseCodes.Abnormal);
            if (!client.IsInRoom || client.Connection is not null)
            {
                RefuseSession(connection, client);
                return;
            }
        }

        var token = sessions.Issue(client);
        connection.Client = client;
        switch (client.Session.Resume(connection, ack, client.Id, token, restart))
        {
            case Reconnection.ResumeOutcome.ResyncRequired:
                logger.LogWarning(
                    "room {RoomId}: {ClientId} asked to resume after frame {Ack}, but frames {First}..{Last} are what is kept; resync required",
                    RoomId,
                    client.Id,
                    ack?.ToString() ?? "(none)",
                    client.Outbox.NextSeq - (uint)client.Outbox.Count,
                    client.Outbox.LastSeq);
                connection.Close(CloseCodes.ResyncRequired, CloseReasons.ResyncRequired);
                Evict(client, closeCode: null);
                return;
            case Reconnection.ResumeOutcome.OverBudget:
                Evict(client, CloseCodes.TooSlow, CloseReasons.TooSlow);
                return;
        }

        connection.Admit();
        logger.LogDebug("room {RoomId}: {ClientId} resumed over v{Version}", RoomId, client.Id, client.ProtocolVersion);
        _ = Callback(() => behavior.OnReconnectAsync(this, client), "OnReconnect", client);
        notify?.Send(new ClientConnectedNotify(client.Id, RoomId, client.Tags));
    }

    private void RefuseSession(IClientConnection connection, RoomClient? client)
    {
        logger.LogInformation("room {RoomId}: resume refused for {ClientId}: invalid session", RoomId, client?.Id ?? "(unknown session)");
        Refuse(connection, AuthErrors.InvalidSession, CloseCodes.Consented, CloseReasons.InvalidSession);
    }

    /// <summary><c>auth_error{error}</c> then a close, as gatho does for every refused join or resume.</summary>
    private void Refuse(IClientConnection connection, string error, int code, string reason)
    {
        SendProtocol(connection, new AuthErrorMessage(error));
        connection.Close(code, reason);
    }
}
