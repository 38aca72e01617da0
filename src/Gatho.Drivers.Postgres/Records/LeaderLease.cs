using Gatho.Drivers.Validation;
using Microsoft.Extensions.Logging;

namespace Gatho.Drivers.Postgres.Records;

/// <summary>
/// Leader election by a lease row (database time): granted when free, lapsed or already held by the caller, in one
/// upsert, so two servers can never both be granted. The holder also sweeps what lapsed (requested rooms,
/// reservations, old events and failure reasons), which every read already hides.
/// </summary>
internal sealed class LeaderLease(PostgresDatabase database, TimeSpan lease, TimeSpan retention, ILogger logger)
{
    public async Task<bool> TryAcquireAsync(string serverId, CancellationToken cancellationToken)
    {
        DriverArguments.Id(serverId, nameof(serverId));
        var granted = await database.ExecuteAsync(
            """
            INSERT INTO {s}.leader AS l (id, server_id, expires_at) VALUES (1, $1, now() + $2)
            ON CONFLICT (id) DO UPDATE SET server_id = excluded.server_id, expires_at = excluded.expires_at
            WHERE l.server_id = excluded.server_id OR l.expires_at <= now()
            """,
            cancellationToken,
            serverId,
            lease).ConfigureAwait(false) > 0;
        if (granted)
        {
            await SweepAsync(cancellationToken).ConfigureAwait(false);
        }

        return granted;
    }

    public async Task<bool> RenewAsync(string serverId, CancellationToken cancellationToken)
    {
        DriverArguments.Id(serverId, nameof(serverId));

        // Renewing a lapsed lease nobody else took is safe: taking it over changes server_id, which this checks.
        var renewed = await database.ExecuteAsync(
            "UPDATE {s}.leader SET expires_at = now() + $2 WHERE id = 1 AND server_id = $1",
            cancellationToken,
            serverId,
            lease).ConfigureAwait(false) > 0;
        if (renewed)
        {
            await SweepAsync(cancellationToken).ConfigureAwait(false);
        }

        return renewed;
    }

    public async Task ReleaseAsync(string serverId, CancellationToken cancellationToken)
    {
        DriverArguments.Id(serverId, nameof(serverId));
        await database.ExecuteAsync("DELETE FROM {s}.leader WHERE id = 1 AND server_id = $1", cancellationToken, serverId).ConfigureAwait(false);
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.BatchAsync(
                [
                    ("DELETE FROM {s}.clients WHERE expires_at <= now()", []),
                    ("DELETE FROM {s}.rooms WHERE expires_at <= now()", []),
                    ("DELETE FROM {s}.server_events WHERE created_at < now() - $1", [retention]),
                    ("DELETE FROM {s}.room_failures WHERE failed_at < now() - $1", [retention]),
                ],
                static (_, _) => Task.FromResult(true),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Lapsed rows are hidden from every read; the next leader tick sweeps again.
            logger.LogWarning(e, "sweeping lapsed PostgreSQL records failed; retrying at the next leader renewal");
        }
    }
}
