using Gatho.Drivers.Conformance.Support;
using Gatho.Drivers.Events;
using Gatho.Drivers.Postgres;
using Gatho.Drivers.Postgres.Schema;
using Npgsql;

namespace Gatho.Drivers.Conformance.Postgres;

// What only the PostgreSQL driver promises: a versioned schema that is never silently damaged, schemas as isolated
// clusters in one database, pushes between driver instances (processes), a listener that recovers from a dropped
// connection, and leadership that lapses by database time.
public sealed partial class PostgresDriverConformance
{
    [Fact]
    public async Task The_schema_is_created_on_first_use_and_records_its_version()
    {
        var schema = PostgresServerFixture.NewSchema();
        await using var driver = NewDriver(schema);

        await driver.ListRoomsAsync();

        Assert.Equal(2, await ScalarAsync<int>($"SELECT version FROM \"{schema}\".schema_version"));
        Assert.Equal(
            ["clients", "leader", "room_failures", "rooms", "schema_version", "server_events", "servers"],
            await ListAsync($"SELECT tablename::text FROM pg_tables WHERE schemaname = '{schema}' ORDER BY 1"));
    }

    [Fact]
    public async Task A_schema_written_by_a_newer_driver_is_refused_and_left_alone()
    {
        var schema = PostgresServerFixture.NewSchema();
        await ExecuteAsync($"CREATE SCHEMA \"{schema}\"; CREATE TABLE \"{schema}\".schema_version (id int PRIMARY KEY, version int NOT NULL, migrated_at timestamptz NOT NULL); INSERT INTO \"{schema}\".schema_version VALUES (1, 99, now())");
        await using var driver = NewDriver(schema);

        var error = await Assert.ThrowsAsync<SchemaVersionException>(() => driver.ListRoomsAsync());

        Assert.Equal((schema, 99, 2, "driver-schema"), (error.Schema, error.FoundVersion, error.DriverVersion, error.Code));
        Assert.Contains("newer", error.Message);
        Assert.Equal(99, await ScalarAsync<int>($"SELECT version FROM \"{schema}\".schema_version"));
        Assert.Equal(["schema_version"], await ListAsync($"SELECT tablename::text FROM pg_tables WHERE schemaname = '{schema}'"));
    }

    [Fact]
    public async Task A_schema_holding_tables_the_driver_did_not_create_is_refused_and_left_alone()
    {
        var schema = PostgresServerFixture.NewSchema();
        await ExecuteAsync($"CREATE SCHEMA \"{schema}\"; CREATE TABLE \"{schema}\".rooms (id int)");
        await using var driver = NewDriver(schema);

        var error = await Assert.ThrowsAsync<SchemaVersionException>(() => driver.HeartbeatAsync(new(NewId("server"), NewEndpoint(), Model.Tags.None, ["chat"])));

        Assert.Null(error.FoundVersion);
        Assert.Contains(schema, error.Message);
        Assert.Equal(["rooms"], await ListAsync($"SELECT tablename::text FROM pg_tables WHERE schemaname = '{schema}'"));
    }

    [Fact]
    public async Task A_schema_dropped_under_a_running_driver_is_created_again_and_servers_register_anew()
    {
        var schema = PostgresServerFixture.NewSchema();
        await using var driver = NewDriver(schema);
        var beat = new Model.ServerHeartbeat(NewId("server"), NewEndpoint(), Model.Tags.None, ["chat"]);
        Assert.True((await driver.HeartbeatAsync(beat)).Registered);

        await ExecuteAsync($"DROP SCHEMA \"{schema}\" CASCADE");

        var lost = await Assert.ThrowsAsync<PostgresException>(() => driver.HeartbeatAsync(beat));
        Assert.Equal(PostgresErrorCodes.UndefinedTable, lost.SqlState);
        Assert.True((await driver.HeartbeatAsync(beat)).Registered);
        Assert.Equal(2, await ScalarAsync<int>($"SELECT version FROM \"{schema}\".schema_version"));
    }

    [Fact]
    public async Task Drivers_on_one_schema_share_records_and_push_to_each_other()
    {
        var schema = PostgresServerFixture.NewSchema();
        await using var serverSide = NewDriver(schema);
        await using var sdkSide = NewDriver(schema);
        var serverId = NewId("server");
        await serverSide.HeartbeatAsync(new(serverId, NewEndpoint(), Model.Tags.None, ["chat"]));
        await using var events = await EventRecorder.SubscribeAsync(serverSide, serverId);

        await sdkSide.RegisterRoomAsync(new(NewId("room"), "chat", serverId, TimeSpan.FromMinutes(1), "{\"map\":\"dust\"}"));

        var assigned = await events.NextAsync<RoomAssignedEvent>();
        Assert.Equal("{\"map\":\"dust\"}", assigned.DataJson);
        Assert.Equal(assigned.RoomId, Assert.Single(await serverSide.ListRoomsAsync()).RoomId);
    }

    [Fact]
    public async Task Two_schemas_in_one_database_are_separate_clusters()
    {
        await using var first = NewDriver(PostgresServerFixture.NewSchema());
        await using var second = NewDriver(PostgresServerFixture.NewSchema());
        const string serverId = "shared-server-id";
        await first.HeartbeatAsync(new(serverId, NewEndpoint(), Model.Tags.None, ["chat"]));
        await second.HeartbeatAsync(new(serverId, NewEndpoint(), Model.Tags.None, ["chat"]));
        await using var secondEvents = await EventRecorder.SubscribeAsync(second, serverId);

        await first.RegisterRoomAsync(new("room-in-first", "chat", serverId, TimeSpan.FromMinutes(1)));
        await second.RegisterRoomAsync(new("room-in-second", "chat", serverId, TimeSpan.FromMinutes(1)));

        // Events arrive in order, so one pushed from the first schema would come before the second's own.
        Assert.Equal("room-in-second", (await secondEvents.NextAsync<RoomAssignedEvent>()).RoomId);
        Assert.Equal(["room-in-second"], (await second.ListRoomsAsync()).Select(room => room.RoomId));
    }

    [Fact]
    public async Task The_listener_reconnects_after_its_connection_dies_and_replays_what_it_missed()
    {
        var schema = PostgresServerFixture.NewSchema();
        await using var driver = NewDriver(schema, options => options.ListenerReconnectDelay = TimeSpan.FromSeconds(2));
        var serverId = NewId("server");
        await driver.HeartbeatAsync(new(serverId, NewEndpoint(), Model.Tags.None, ["chat"]));
        await using var events = await EventRecorder.SubscribeAsync(driver, serverId);
        var listenerName = "gatho-listener:" + schema;
        var listenerPid = await ScalarAsync<int>($"SELECT pid FROM pg_stat_activity WHERE application_name = '{listenerName}'");

        await ExecuteAsync($"SELECT pg_terminate_backend({listenerPid})");
        await WaitUntilAsync(async () => await ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE pid = {listenerPid}") == 0);
        var missed = NewId("room");
        await driver.RegisterRoomAsync(new(missed, "chat", serverId, TimeSpan.FromMinutes(1)));

        Assert.Equal(missed, (await events.NextAsync<RoomAssignedEvent>()).RoomId);
        var newPid = await ScalarAsync<int>($"SELECT pid FROM pg_stat_activity WHERE application_name = '{listenerName}'");
        Assert.NotEqual(listenerPid, newPid);

        // Live pushes flow again, and the replayed event is not delivered twice.
        var after = NewId("room");
        await driver.RegisterRoomAsync(new(after, "chat", serverId, TimeSpan.FromMinutes(1)));
        Assert.Equal(after, (await events.NextAsync<RoomAssignedEvent>()).RoomId);
        Assert.True(events.IsDrained);
    }

    [Fact]
    public async Task Leadership_lapses_after_its_lease_by_database_time()
    {
        await using var driver = NewDriver(PostgresServerFixture.NewSchema(), options => options.LeaderLease = TimeSpan.FromSeconds(2));
        Assert.True(await driver.TryAcquireLeaderAsync("server-a"));
        Assert.False(await driver.TryAcquireLeaderAsync("server-b"));

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.True(await driver.TryAcquireLeaderAsync("server-b"));
        Assert.False(await driver.RenewLeaderAsync("server-a"));
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("has-dash")]
    [InlineData("")]
    [InlineData("a_schema_name_that_is_longer_than_forty_chars")]
    public void An_unusable_schema_name_throws_DriverConfig_naming_it(string schema)
    {
        var error = Assert.Throws<Errors.DriverConfigException>(() => new PostgresDriver("Host=127.0.0.1", new PostgresDriverOptions { Schema = schema }));

        Assert.Equal((nameof(PostgresDriverOptions.Schema), schema), (error.Setting, error.Value));
    }

    [Fact]
    public async Task A_disposed_driver_refuses_calls_and_ends_its_subscriptions()
    {
        var driver = NewDriver(PostgresServerFixture.NewSchema());
        var subscription = await driver.SubscribeServerEventsAsync("server-1", _ => ValueTask.CompletedTask);

        await driver.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.ListRoomsAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.SubscribeServerEventsAsync("server-1", _ => ValueTask.CompletedTask));
        await subscription.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await driver.DisposeAsync();
    }

    private PostgresDriver NewDriver(string schema, Action<PostgresDriverOptions>? configure = null)
    {
        var options = new PostgresDriverOptions { Schema = schema, StaleServerAfter = StaleServerAfter };
        configure?.Invoke(options);
        return new PostgresDriver(postgres.RequireServer().ConnectionString, options);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.RequireServer().ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.RequireServer().ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.RequireServer().ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, with a ten-second upper bound.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Delay(20);
        }
    }
}
