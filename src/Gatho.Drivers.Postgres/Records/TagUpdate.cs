using System.Collections.Immutable;
using Gatho.Drivers.Validation;

namespace Gatho.Drivers.Postgres.Records;

/// <summary>
/// A tag merge or removal on a room or server row: read under <c>FOR UPDATE</c>, change, check the size limit, write,
/// in one transaction. The row lock serializes concurrent updaters, so none is lost (gatho gap 8), and an update over
/// the limit is rolled back without writing.
/// </summary>
internal static class TagUpdate
{
    public static Task RunAsync(
        PostgresDatabase database,
        string selectForUpdate,
        string update,
        string id,
        Func<ImmutableDictionary<string, string>, ImmutableDictionary<string, string>> change,
        int limitBytes,
        Func<Exception> notFound,
        CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            async (connection, token) =>
            {
                string? current;
                await using (var select = database.Command(connection, selectForUpdate, id))
                {
                    current = await select.ExecuteScalarAsync(token).ConfigureAwait(false) as string;
                }

                if (current is null)
                {
                    throw notFound();
                }

                var changed = change(TagJson.Parse(current));
                DriverPayloads.RequireTagsWithin(changed, limitBytes);
                await using var write = database.Command(connection, update, id, TagJson.Serialize(changed));
                await write.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
}
