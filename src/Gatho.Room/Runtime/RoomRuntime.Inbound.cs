using Gatho.Protocol.Closing;
using Gatho.Protocol.Framing;
using Gatho.Protocol.Messages;
using Gatho.Room.Transport;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Runtime;

/// <summary>Inbound messages and protocol v2 acknowledgements (DESIGN D2).</summary>
internal sealed partial class RoomRuntime
{
    // v2: acknowledge as soon as this many bytes arrived since the last ack, besides the frame-count threshold.
    private const long AckEveryBytes = 64 * 1024;

    private void Received(IClientConnection connection, in InboundMessage message)
    {
        if (message.Violation is { } violation)
        {
            Violation(connection, message.ViolationCode, violation);
            return;
        }

        var client = connection.Client;
        if (client is null || !ReferenceEquals(client.Connection, connection) || state != RoomState.Running)
        {
            // Not admitted yet, or a replaced socket (generation guard): its frames are not the client's any more.
            // In v2 that is safe: they are not counted, so the client resends them after its resume.
            return;
        }

        if (message.Type == FrameType.Protocol)
        {
            HandleProtocol(connection, client, message.Protocol!);
            return;
        }

        if (message.Type.IsReliable() && client.IsV2)
        {
            client.InboundProcessed++;
            client.InboundBytesSinceAck += message.WireBytes;
            if (client.InboundProcessed - client.InboundAcked >= (uint)options.AckEveryFrames || client.InboundBytesSinceAck >= AckEveryBytes)
            {
                SendAck(client);
            }
        }

        var user = message.User;
        _ = MessageCallback(connection, client, user);
    }

    /// <summary>
    /// Runs <c>OnMessage</c>. Generated typed dispatch throws <see cref="InvalidMessageException"/> for an unknown id, an
    /// undecodable body or a kind the room has no handler for: that is the client's fault, so its connection closes with
    /// 1002 and the exception's reason (which names the id); any other exception is the room's and is only logged.
    /// </summary>
    private async Task MessageCallback(IClientConnection connection, RoomClient client, RoomMessage message)
    {
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

    private void HandleProtocol(IClientConnection connection, RoomClient client, ProtocolMessage message)
    {
        switch (message)
        {
            case LeaveMessage:
                Evict(client, CloseCodes.Consented, CloseReasons.ConsentedLeave);
                break;
            case AckMessage ack when client.IsV2:
                if (!client.Outbox.Acknowledge(ack.Seq))
                {
                    Violation(connection, CloseCodes.ProtocolError, $"ack {ack.Seq} for frames never sent (last sent {client.Outbox.LastSeq})");
                }

                break;
            default:
                // gatho ignores other protocol messages from clients (and v1 has no ack).
                break;
        }
    }

    private void SendAck(RoomClient client)
    {
        if (client.Connection is not { } connection)
        {
            return;
        }

        SendProtocol(connection, new AckMessage(client.InboundProcessed));
        client.InboundAcked = client.InboundProcessed;
        client.InboundBytesSinceAck = 0;
    }

    /// <summary>The periodic v2 ack: every live client that sent reliable frames since its last ack gets one.</summary>
    private void AckTick()
    {
        foreach (var client in clients.Values)
        {
            if (client.IsV2 && client.InboundProcessed != client.InboundAcked)
            {
                SendAck(client);
            }
        }
    }
}
