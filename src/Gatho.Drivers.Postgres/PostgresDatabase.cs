using System.Collections.Concurrent;
using Gatho.Drivers.Postgres.Schema;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gatho.Drivers.Postgres;

/// <summary>
/// The database as the driver's stores see it: the data source, the schema-qualified SQL, the notification channel
/// names, and the schema check that runs once before the first command (retried on the next call if it failed).
/// </summary>
internal sealed class PostgresDatabase
{
    private readonly ConcurrentDictionary<string, string> sqlCache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim schemaGate = new(1, 1);
    private readonly SchemaMigrator migrator;
    private volatile bool schemaReady;

    public PostgresDatabase(NpgsqlDataSource dataSource, PostgresDriverOptions options, ILogger logger)
    {
        DataSource = dataSource;
        Schema = options.Schema;
        EventsChannel = $"{options.Schema}.events";
        SignalsChannel = $"{options.Schema}.signals";
        migrator = new SchemaMigrator(this, options.MigrateSchema, logger);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The schema name (validated: lower-case letters, digits and _ only, so it is safe to quote into SQL).</summary>
    public string Schema { get; }

    /// <summary>Channel of pushed server events; payload <c>&lt;server id&gt; &lt;event seq&gt;</c>.</summary>
    public string EventsChannel { get; }

    /// <summary>Channel of room signals; payload <c>ready &lt;room id&gt;</c> or <c>failed &lt;room id&gt;</c>.</summary>
    public string SignalsChannel { get; }

    /// <summary><paramref name="template"/> with <c>{s}</c> as the quoted schema and <c>{events}</c>/<c>{signals}</c> as the channel names.</summary>
    public string Sql(string template) =>
        sqlCache.GetOrAdd(
            template,
            static (text, self) => text.Replace("{s}", $"\"{self.Schema}\"", StringComparison.Ordinal)
                .Replace("{events}", self.EventsChannel, StringComparison.Ordinal)
                .Replace("{signals}", self.SignalsChannel, StringComparison.Ordinal),
            this);

    /// <summary>Opens a pooled connection, creating or checking the schema first if that has not succeeded yet.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one statement (or a CTE chain) and reads its rows with <paramref name="read"/>.</summary>
    public Task<T> QueryAsync<T>(string template, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken, params object?[] parameters) =>
        Guard(() => QueryCoreAsync(template, read, cancellationToken, parameters));

    private async Task<T> QueryCoreAsync<T>(string template, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken, object?[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Sql(template), connection);
        Bind(command.Parameters, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await read(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="statements"/> in one round trip and one implicit transaction (an Npgsql batch); the reader
    /// starts at the first statement that returns rows.
    /// </summary>
    public Task<T> BatchAsync<T>(
        IReadOnlyList<(string Template, object?[] Parameters)> statements,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken) =>
        Guard(() => BatchCoreAsync(statements, read, cancellationToken));

    private async Task<T> BatchCoreAsync<T>(
        IReadOnlyList<(string Template, object?[] Parameters)> statements,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (template, parameters) in statements)
        {
            var command = new NpgsqlBatchCommand(Sql(template));
            Bind(command.Parameters, parameters);
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await read(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one statement for its effect; returns the number of rows it affected.</summary>
    public Task<int> ExecuteAsync(string template, CancellationToken cancellationToken, params object?[] parameters) =>
        Guard(() => ExecuteCoreAsync(template, cancellationToken, parameters));

    private async Task<int> ExecuteCoreAsync(string template, CancellationToken cancellationToken, object?[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Sql(template), connection);
        Bind(command.Parameters, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one statement and returns its first column of its first row (default when no row).</summary>
    public Task<T?> ScalarAsync<T>(string template, CancellationToken cancellationToken, params object?[] parameters) =>
        QueryAsync(
            template,
            static async (reader, token) => await reader.ReadAsync(token).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetFieldValue<T>(0) : default,
            cancellationToken,
            parameters);

    /// <summary>Runs <paramref name="work"/> in a transaction on one connection and commits it.</summary>
    public Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        Guard(() => InTransactionCoreAsync(work, cancellationToken));

    private async Task<T> InTransactionCoreAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(connection, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>A command on <paramref name="connection"/> (inside <see cref="InTransactionAsync"/>).</summary>
    public NpgsqlCommand Command(NpgsqlConnection connection, string template, params object?[] parameters)
    {
        var command = new NpgsqlCommand(Sql(template), connection);
        Bind(command.Parameters, parameters);
        return command;
    }

    /// <summary>Reads every row of <paramref name="reader"/> with <paramref name="row"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    /// <summary>Adds positional parameters ($1, $2, …); null becomes SQL NULL.</summary>
    public static void Bind(NpgsqlParameterCollection collection, object?[] parameters)
    {
        foreach (var parameter in parameters)
        {
            collection.Add(parameter is NpgsqlParameter ready ? ready : new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }
    }

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (schemaReady)
        {
            return;
        }

        await schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!schemaReady)
            {
                await migrator.EnsureAsync(cancellationToken).ConfigureAwait(false);
                schemaReady = true;
            }
        }
        finally
        {
            schemaGate.Release();
        }
    }

    /// <summary>
    /// True for failures that mean the connection (or the server) is gone rather than that the statement was refused:
    /// PostgreSQL restarted or was shut down, the network dropped.
    /// </summary>
    public static bool IsConnectionLoss(Exception e) =>
        e is PostgresException postgres
            ? postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState is "57P01" or "57P02" or "57P03"
            : e is NpgsqlException { IsTransient: true } or NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException };

    /// <summary>Drops idle pooled connections after a connection loss: after a restart they are all dead, and each would fail one call.</summary>
    public void ForgetIdleConnections() => DataSource.Clear();

    private async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionLoss(e))
        {
            ForgetIdleConnections();
            throw;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // The schema vanished under us (the database was replaced, restored or dropped): check and create it
            // again on the next call instead of failing every call until a restart.
            schemaReady = false;
            throw;
        }
    }
}
