using System.Diagnostics;
using Gatho.Drivers;
using Gatho.Drivers.Memory;
using Gatho.Drivers.Model;
using Gatho.Drivers.Postgres;
using Gatho.Drivers.Redis;
using Gatho.Sdk;
using Gatho.Server;
using Gatho.Server.Runners;
using Gatho.TestSupport.Stores;

namespace Gatho.Benchmarks;

/// <summary>
/// The store-side figures per driver, memory first as the baseline, in one run: persist n rooms (16 concurrent
/// writers, as a busy backend), list them filtered by a tag and by type + status (median of 20 listings), and
/// create-room → running through a real server with the subprocess runner (each room destroyed right after, so
/// processes do not pile up). Redis runs on a private redis-server (no persistence) unless <c>GATHO_REDIS_URL</c> names
/// one; PostgreSQL runs on a private initdb cluster (durability off, as the tests') unless <c>GATHO_POSTGRES_URL</c>
/// names one.
/// </summary>
internal static class DriverStores
{
    private const int Writers = 16;
    private const int Listings = 20;

    public static async Task<int> RunAsync(int rooms, int creates)
    {
        Console.WriteLine($"driver          persist {rooms} rooms   filter tag (p50)   filter type+status (p50)   create→running p50 / p99 ({creates} rooms)");
        await using (var memory = new MemoryDriver())
        {
            await MeasureAsync("memory", memory, rooms, creates);
        }

        await MeasureRedisAsync(rooms, creates);

        var url = Environment.GetEnvironmentVariable("GATHO_POSTGRES_URL");
        PostgresServerProcess? cluster = null;
        if (url is null)
        {
            if (PostgresServerProcess.MissingReason is { } reason)
            {
                Console.WriteLine($"postgres        skipped: {reason}");
                return 0;
            }

            cluster = await PostgresServerProcess.StartAsync();
            url = cluster.ConnectionString;
        }

        try
        {
            await using var postgres = new PostgresDriver(url, new PostgresDriverOptions { Schema = "bench_" + Guid.NewGuid().ToString("N")[..12] });
            await MeasureAsync("postgres", postgres, rooms, creates);
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }

        return 0;
    }

    private static async Task MeasureRedisAsync(int rooms, int creates)
    {
        var connection = Environment.GetEnvironmentVariable("GATHO_REDIS_URL");
        RedisServerProcess? redis = null;
        if (connection is null)
        {
            if (!RedisServerProcess.IsAvailable)
            {
                Console.WriteLine($"redis           skipped: {RedisServerProcess.MissingReason}");
                return;
            }

            redis = await RedisServerProcess.StartAsync();
            connection = redis.ConnectionString;
        }

        try
        {
            // A long lease: a loaded machine must not see the benchmark's server go stale (its rooms would drop out).
            var options = new RedisDriverOptions { KeyPrefix = "bench-" + Guid.NewGuid().ToString("N")[..12], StaleServerAfter = TimeSpan.FromMinutes(10) };
            await using var driver = new RedisDriver(connection, options);
            await MeasureAsync("redis", driver, rooms, creates);
        }
        finally
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }
        }
    }

    private static async Task MeasureAsync(string name, IDriver driver, int rooms, int creates)
    {
        var serverId = "bench-server";
        await driver.HeartbeatAsync(new ServerHeartbeat(serverId, "http://127.0.0.1:1", Tags.None, ["chat", "duel"]));
        await driver.ListRoomsAsync(new RoomFilter { Type = "warm-up" });

        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < rooms; i = Interlocked.Increment(ref next))
            {
                var tags = new Dictionary<string, string> { ["mode"] = i % 2 == 0 ? "ranked" : "casual", ["region"] = i % 3 == 0 ? "eu" : "us" };
                await driver.RegisterRoomAsync(new RoomRegistration($"room-{i}", i % 4 < 2 ? "chat" : "duel", serverId, TimeSpan.FromMinutes(30), "{\"map\":\"dust\"}", tags));
            }
        })));
        var persist = clock.Elapsed;

        // Half the rooms running, so the status filter selects a quarter: chat (i % 4 < 2) and running (i even).
        await Parallel.ForAsync(0, rooms, new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (i, token) =>
        {
            if (i % 2 == 0)
            {
                await driver.RoomReadyAsync($"room-{i}", $"ws://127.0.0.1:4000/{i}", "secret", token);
            }
        });

        var byTag = await MedianListingAsync(driver, new RoomFilter { TagsEqual = new Dictionary<string, string> { ["mode"] = "ranked" } }, rooms / 2);
        var byTypeStatus = await MedianListingAsync(driver, new RoomFilter { Type = "chat", Status = RoomStatus.Running }, rooms / 4);
        await driver.UnregisterServerAsync(serverId);

        // creates = 0 measures the registry only (a machine too loaded to start room processes within the timeout).
        var created = creates > 0 ? await CreateRoomsAsync(driver, creates) : ((double P50, double P99)?)null;
        var createText = created is { } c ? $"{c.P50,6:F0} ms / {c.P99:F0} ms" : "not measured";
        Console.WriteLine($"{name,-15} {persist.TotalMilliseconds,10:F0} ms   {byTag,12:F1} ms   {byTypeStatus,18:F1} ms          {createText}");
    }

    private static async Task<double> MedianListingAsync(IDriver driver, RoomFilter filter, int expected)
    {
        var times = new List<double>();
        for (var i = 0; i < Listings; i++)
        {
            var clock = Stopwatch.StartNew();
            var listed = await driver.ListRoomsAsync(filter);
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (listed.Count != expected)
            {
                throw new InvalidOperationException($"filter {filter} listed {listed.Count} rooms, expected {expected}");
            }
        }

        return RoomStartup.Percentile(times, 50);
    }

    private static async Task<(double P50, double P99)> CreateRoomsAsync(IDriver driver, int count)
    {
        var socketDirectory = Directory.CreateTempSubdirectory("gatho-bench-").FullName;
        var options = new GathoServerOptions { Driver = driver, Host = "127.0.0.1", Port = 0, SocketDirectory = socketDirectory };
        options.Rooms["echo"] = Subprocess.Dotnet(RoomStartup.TestRoomPath(), ["echo"], new SubprocessOptions
        {
            Environment = _ => new Dictionary<string, string> { ["GATHO_LOG_LEVEL"] = "warn" },
        });
        var server = await GathoServer.StartAsync(options);
        var sdk = new GathoSdk(driver);
        try
        {
            var latencyMs = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var clock = Stopwatch.StartNew();
                var room = await sdk.CreateRoomAsync("echo", server.ServerId, timeout: TimeSpan.FromSeconds(60)); // a loaded machine still yields figures
                latencyMs.Add(clock.Elapsed.TotalMilliseconds);
                await sdk.DestroyRoomAsync(room.RoomId);
            }

            return (RoomStartup.Percentile(latencyMs, 50), RoomStartup.Percentile(latencyMs, 99));
        }
        finally
        {
            await server.StopAsync();
            Directory.Delete(socketDirectory, recursive: true);
        }
    }
}
