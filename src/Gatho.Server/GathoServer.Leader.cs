using Gatho.Server.Lifecycle;
using Microsoft.Extensions.Logging;

namespace Gatho.Server;

/// <summary>Leader duties (gatho-behaviour §7.8): reap stale servers, remove rooms whose server is gone.</summary>
public sealed partial class GathoServer
{
    private async Task LeaderTickAsync(TickScope scope)
    {
        if (!alive)
        {
            return;
        }

        if (!IsLeader)
        {
            IsLeader = await driver.TryAcquireLeaderAsync(ServerId).ConfigureAwait(false);
            if (IsLeader)
            {
                logger.LogInformation("server {ServerId} is now the leader", ServerId);
            }
        }
        else if (!await driver.RenewLeaderAsync(ServerId).ConfigureAwait(false))
        {
            IsLeader = false;
            logger.LogWarning("server {ServerId} lost leadership", ServerId);
        }

        if (!IsLeader || !scope.IsCurrent)
        {
            return;
        }

        foreach (var stale in await driver.ListStaleServersAsync(scope.Cancellation).ConfigureAwait(false))
        {
            if (!scope.IsCurrent)
            {
                return;
            }

            if (await driver.ReapServerAsync(stale.ServerId).ConfigureAwait(false))
            {
                logger.LogWarning("reaped stale server {StaleServerId} (last heartbeat {LastHeartbeat}) with its {Rooms} rooms", stale.ServerId, stale.LastHeartbeat, stale.Rooms.Count);
            }
        }

        // Rooms first, then servers: a room can only be recorded for a server that existed before it.
        var records = await driver.ListRoomsAsync(cancellationToken: scope.Cancellation).ConfigureAwait(false);
        var servers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in await driver.ListServersAsync(cancellationToken: scope.Cancellation).ConfigureAwait(false))
        {
            servers.Add(server.ServerId);
        }

        foreach (var server in await driver.ListStaleServersAsync(scope.Cancellation).ConfigureAwait(false))
        {
            servers.Add(server.ServerId);
        }

        foreach (var record in records)
        {
            if (scope.IsCurrent && !servers.Contains(record.ServerId) && await driver.UnregisterRoomAsync(record.RoomId).ConfigureAwait(false))
            {
                logger.LogWarning("removed room {RoomId}: its server {OrphanServerId} is gone", record.RoomId, record.ServerId);
            }
        }
    }
}
