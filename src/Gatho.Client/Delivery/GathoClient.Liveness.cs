using Gatho.Client.Connection;

namespace Gatho.Client;

/// <summary>
/// v2: a connection on which the room stops acknowledging what the client writes, and sends nothing else either, is
/// taken for dead and resumed (see <see cref="AckPolicy.RoomAckTimeout"/>). Checked on the ack timer's tick, so the deadline is kept to within
/// one ack interval.
/// </summary>
public sealed partial class GathoClient
{
    // Timestamp (TimeProvider ticks) since which the client has been waiting for an ack of a frame it wrote on the
    // live connection; null while nothing written is unacknowledged or the client is not open.
    private long? awaitingRoomAckSince;

    /// <summary>A reliable frame went out on the live connection. Caller holds the lock.</summary>
    private void ExpectRoomAck()
    {
        awaitingRoomAckSince ??= time.GetTimestamp();
    }

    /// <summary>
    /// An ack arrived (the room reads what the client writes) or the connection (re)opened: wait afresh for what is
    /// still held, or for nothing. Caller holds the lock.
    /// </summary>
    private void RestartRoomAckWait()
    {
        awaitingRoomAckSince = state == ClientState.Open && outbound.Count > 0 ? time.GetTimestamp() : null;
    }

    /// <summary>
    /// A frame arrived from the room on the live connection: the path works, even if the room's ack is still queued
    /// behind the data it is sending (a client far behind in reading). Waiting restarts from now. Caller holds the lock.
    /// </summary>
    private void RoomIsSending()
    {
        if (awaitingRoomAckSince is not null)
        {
            awaitingRoomAckSince = time.GetTimestamp();
        }
    }

    /// <summary>On the ack tick: drops the live connection when the room has acknowledged nothing for too long. Caller holds the lock.</summary>
    private void CheckRoomAckDeadline()
    {
        var timeout = options.Acks.RoomAckTimeout;
        if (timeout == Timeout.InfiniteTimeSpan || state != ClientState.Open || current is not { } live || awaitingRoomAckSince is not { } since)
        {
            return;
        }

        if (time.GetElapsedTime(since) >= timeout)
        {
            awaitingRoomAckSince = null;

            // An abort is reported like any broken socket: a drop (1006) and a resume that resends what is held.
            live.Abort($"the room acknowledged nothing for {timeout.TotalSeconds:0.###} s");
        }
    }
}
