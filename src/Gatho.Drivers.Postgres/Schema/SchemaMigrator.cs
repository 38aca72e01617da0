using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gatho.Drivers.Postgres.Schema;

/// <summary>
/// Creates the driver's schema on first use and migrates it forward, in one transaction under an advisory lock
/// keyed on the schema name, so servers starting together neither race nor see a half-made schema. Never drops or
/// rewrites anything it did not create: a newer version, an older one with migrations off, or foreign tables are a
/// <see cref="SchemaVersionException"/> and the transaction is rolled back.
/// </summary>
internal sealed class SchemaMigrator(PostgresDatabase database, bool migrate, ILogger logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var schema = database.Schema;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('gatho-schema:' || $1))", cancellationToken, schema).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            database.Sql("""
                CREATE SCHEMA IF NOT EXISTS {s};
                CREATE TABLE IF NOT EXISTS {s}.schema_version (
                    id          int PRIMARY KEY CHECK (id = 1),
                    version     int NOT NULL,
                    migrated_at timestamptz NOT NULL
                );
                """),
            cancellationToken).ConfigureAwait(false);

        var found = await ScalarAsync<int?>(connection, database.Sql("SELECT version FROM {s}.schema_version"), cancellationToken).ConfigureAwait(false);
        var current = SchemaMigrations.Current;
        if (found is null)
        {
            var foreign = await ScalarAsync<long>(
                connection,
                """
                SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname <> 'schema_version'
                """,
                cancellationToken,
                schema).ConfigureAwait(false);
            if (foreign > 0)
            {
                throw new SchemaVersionException(schema, null, current, $"holds {foreign} tables or views but no Gatho.NET schema version; use an empty or new schema (PostgresDriverOptions.Schema)");
            }
        }
        else if (found > current)
        {
            throw new SchemaVersionException(schema, found, current, "was created by a newer Gatho.NET driver; upgrade this driver");
        }
        else if (found < 1)
        {
            throw new SchemaVersionException(schema, found, current, "records a version no Gatho.NET driver wrote");
        }
        else if (found < current && !migrate)
        {
            throw new SchemaVersionException(schema, found, current, "is older than this driver and PostgresDriverOptions.MigrateSchema is off; migrate it, or turn MigrateSchema on");
        }

        for (var version = (found ?? 0) + 1; version <= current; version++)
        {
            logger.LogInformation("migrating PostgreSQL schema {Schema} to version {Version}", schema, version);
            await ExecuteAsync(connection, database.Sql(SchemaMigrations.Steps[version - 1]), cancellationToken).ConfigureAwait(false);
        }

        if (found != current)
        {
            await ExecuteAsync(
                connection,
                database.Sql("INSERT INTO {s}.schema_version (id, version, migrated_at) VALUES (1, $1, now()) ON CONFLICT (id) DO UPDATE SET version = excluded.version, migrated_at = excluded.migrated_at"),
                cancellationToken,
                current).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? default : (T)value;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
