using Gatho.Protocol.Closing;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Room.Dispatch;
using Gatho.Room.Transport;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Runtime;

/// <summary>Inbound messages and protocol v2 acknowledgements (DESIGN D2).</summary>
internal sealed partial class RoomRuntime
{
    // v2: acknowledge as soon as this many bytes arrived since the last ack, besides the frame-count threshold.
    private const long AckEveryBytes = 64 * 1024;

    /// <summary>Messages that reached the room thread from a socket with no client (not admitted, or replaced).</summary>
    internal long FramesFromUnadmitted { get; private set; }

    /// <summary>Handles one inbound message; true when it went to the client's handler queue (its slot is freed there).</summary>
    private bool Received(IClientConnection connection, in InboundMessage message)
    {
        if (message.Violation is { } violation)
        {
            Violation(connection, message.ViolationCode, violation);
            return false;
        }

        var client = connection.Client;
        if (client is null || !ReferenceEquals(client.Connection, connection) || state != RoomState.Running)
        {
            // Not admitted yet, or a replaced socket (generation guard): its frames are not the client's any more.
            // In v2 that is safe: they are not counted, so the client resends them after its resume.
            FramesFromUnadmitted++;
            return false;
        }

        if (message.Type == FrameType.Protocol)
        {
            return HandleProtocol(connection, client, message.Protocol!);
        }

        if (message.Type.IsReliable() && client.IsV2)
        {
            client.Session.CountInbound(message.WireBytes);
        }

        client.Handlers.Enqueue(new HandlerWork(connection, message.User, Leave: false));
        return true;
    }

    /// <summary>Runs one item of <paramref name="client"/>'s handler queue (see <see cref="ClientHandlerQueue"/>).</summary>
    internal Task RunHandler(RoomClient client, HandlerWork work)
    {
        if (work.Leave)
        {
            Evict(client, CloseCodes.Consented, CloseReasons.ConsentedLeave);
            return Task.CompletedTask;
        }

        return MessageCallback(work.Connection, client, work.Message);
    }

    /// <summary>
    /// Runs <c>OnMessage</c>. Generated typed dispatch throws <see cref="InvalidMessageException"/> for an unknown id, an
    /// undecodable body or a kind the room has no handler for: that is the client's fault, so its connection closes with
    /// 1002 and the exception's reason (which names the id); any other exception is the room's and is only logged.
    /// </summary>
    private async Task MessageCallback(IClientConnection connection, RoomClient client, RoomMessage message)
    {
        if (!client.IsInRoom)
        {
            // Queued behind a handler when the room evicted the client: its OnLeave has run, so room code must not
            // hear from it again. (A dropped client waiting in its reconnection window is still in the room.)
            return;
        }

        try
        {
            await behavior.OnMessageAsync(this, client, message);
        }
        catch (InvalidMessageException e)
        {
            logger.LogWarning("room {RoomId}: closing {Remote} ({ClientId}) with {Code}: {Reason}", RoomId, connection.Description, client.Id, CloseCodes.ProtocolError, e.Message);
            if (ReferenceEquals(client.Connection, connection))
            {
                Evict(client, CloseCodes.ProtocolError, CloseReasonText.Fit(e.Message));
            }
            else
            {
                connection.Close(CloseCodes.ProtocolError, CloseReasonText.Fit(e.Message));
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "room {RoomId}: OnMessage threw for {ClientId}", RoomId, client.Id);
        }
    }

    private bool HandleProtocol(IClientConnection connection, RoomClient client, ProtocolMessage message)
    {
        switch (message)
        {
            case LeaveMessage:
                // In line with the client's messages: the ones sent before the leave are handled before it leaves.
                client.Handlers.Enqueue(new HandlerWork(connection, default, Leave: true));
                return true;
            case AckMessage ack when client.IsV2:
                if (!client.Session.Acknowledge(ack.Seq))
                {
                    Violation(connection, CloseCodes.ProtocolError, $"ack {ack.Seq} for frames never sent (last sent {client.Outbox.LastSeq})");
                }

                return false;
            default:
                // gatho ignores other protocol messages from clients (and v1 has no ack).
                return false;
        }
    }

    /// <summary>The periodic v2 ack: every live client that sent reliable frames since its last ack gets one.</summary>
    private void AckTick()
    {
        // By index: no enumerator (boxed or not) per tick.
        for (var i = 0; i < clients.Count; i++)
        {
            clients.At(i).Session.AckIfBehind();
        }
    }
}
