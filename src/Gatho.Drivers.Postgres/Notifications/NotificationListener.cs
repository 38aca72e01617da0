using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gatho.Drivers.Postgres.Notifications;

/// <summary>
/// Owns the one connection that LISTENs on the driver's channels. Started by the first subscription; when the
/// connection drops (PostgreSQL restarted, network cut) it reconnects with a doubling delay, LISTENs again and reports
/// <see cref="ListenerConnected"/> so the dispatcher can catch up. An idle connection is probed every
/// <see cref="PostgresDriverOptions.ListenerProbeInterval"/>, so a silently dead one is noticed.
/// </summary>
internal sealed class NotificationListener : IAsyncDisposable
{
    /// <summary>Notifications waiting for the dispatcher. Over this, they are dropped and a catch-up is requested.</summary>
    public const int InboxCapacity = 10_000;

    private readonly PostgresDatabase database;
    private readonly PostgresDriverOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Channel<ListenerMessage> inbox = Channel.CreateBounded<ListenerMessage>(
        new BoundedChannelOptions(InboxCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private TaskCompletionSource attempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? loop;
    private bool listening;
    private int dropped;

    public NotificationListener(PostgresDatabase database, PostgresDriverOptions options, TimeProvider time, ILogger logger)
    {
        this.database = database;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The listener connection's <c>application_name</c>: <c>gatho-listener:&lt;schema&gt;</c>.</summary>
    public string ApplicationName => "gatho-listener:" + database.Schema;

    /// <summary>What the connection delivered, in order.</summary>
    public ChannelReader<ListenerMessage> Messages => inbox.Reader;

    /// <summary>Takes (and resets) the number of notifications dropped because the inbox was full.</summary>
    public int TakeDropped() => Interlocked.Exchange(ref dropped, 0);

    /// <summary>
    /// Starts the listener if needed and returns once it has listened at least once; throws if the current connection
    /// attempt fails before that (the next call tries again).
    /// </summary>
    public async Task EnsureListeningAsync(CancellationToken cancellationToken)
    {
        Task pending;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
            if (listening)
            {
                return;
            }

            loop ??= Task.Run(RunAsync);
            pending = attempt.Task;
        }

        await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Task? running;
        lock (gate)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            stopping.Cancel();
            running = loop;
        }

        if (running is not null)
        {
            await running.ConfigureAwait(false);
        }

        inbox.Writer.TryComplete();
        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var token = stopping.Token;
        var delay = options.ListenerReconnectDelay;
        var connectedBefore = false;
        while (!token.IsCancellationRequested)
        {
            NpgsqlConnection? connection = null;
            try
            {
                await database.EnsureSchemaAsync(token).ConfigureAwait(false);
                connection = await database.DataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                connection.Notification += OnNotification;

                // Named, so operators (and the tests) can find the listener in pg_stat_activity.
                await using (var listen = new NpgsqlCommand($"SET application_name = '{ApplicationName}'; LISTEN \"{database.EventsChannel}\"; LISTEN \"{database.SignalsChannel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                long latest;
                await using (var newest = new NpgsqlCommand(database.Sql("SELECT coalesce(max(seq), 0) FROM {s}.server_events"), connection))
                {
                    latest = (long)(await newest.ExecuteScalarAsync(token).ConfigureAwait(false))!;
                }

                await inbox.Writer.WriteAsync(new ListenerConnected(latest, connectedBefore), token).ConfigureAwait(false);
                if (connectedBefore)
                {
                    logger.LogInformation("PostgreSQL notification listener reconnected; catching up on events after {Seq}", latest);
                }

                connectedBefore = true;
                delay = options.ListenerReconnectDelay;
                MarkAttempt(null);

                while (true)
                {
                    if (!await connection.WaitAsync(options.ListenerProbeInterval, token).ConfigureAwait(false))
                    {
                        await using var probe = new NpgsqlCommand("SELECT 1", connection);
                        await probe.ExecuteScalarAsync(token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "PostgreSQL notification listener lost its connection; reconnecting in {Delay}", delay);
                if (PostgresDatabase.IsConnectionLoss(e))
                {
                    database.ForgetIdleConnections();
                }

                MarkAttempt(e);
            }
            finally
            {
                if (connection is not null)
                {
                    connection.Notification -= OnNotification;
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }

            try
            {
                await Task.Delay(delay, time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.ListenerMaxReconnectDelay.Ticks));
        }
    }

    private void MarkAttempt(Exception? failure)
    {
        lock (gate)
        {
            if (failure is null)
            {
                listening = true;
                attempt.TrySetResult();
            }
            else if (!listening)
            {
                // Callers waiting for the first connection learn why; the next one waits for the next attempt.
                attempt.TrySetException(failure);
                attempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        // Raised on the connection's read path: never block it. A full inbox drops and asks for a catch-up instead.
        if (!inbox.Writer.TryWrite(new NotificationReceived(e.Channel, e.Payload)))
        {
            if (Interlocked.Increment(ref dropped) == 1)
            {
                logger.LogWarning("PostgreSQL notification inbox is full ({Capacity}); dropping notifications and catching up from the event table", InboxCapacity);
            }
        }
    }
}
