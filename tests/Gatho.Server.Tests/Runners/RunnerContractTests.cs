using Gatho.Drivers.Errors;
using Gatho.Protocol.Hosting;
using Gatho.Server.Runners;
using Gatho.Server.Tests.Support;

namespace Gatho.Server.Tests.Runners;

/// <summary>
/// What the server promises every runner (gatho-behaviour §7.2): a context with the room's identity and the
/// <c>GATHO_*</c> environment, a stopper that is called at most once, and a stop that is not lost when it is asked
/// for before the runner has even returned.
/// </summary>
public sealed class RunnerContractTests
{
    [Fact]
    public async Task The_context_carries_the_rooms_identity_and_its_GATHO_environment()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync(o => o.RoomHost = "127.0.0.2");

        var room = await cluster.Sdk.CreateRoomAsync("fake", server.ServerId, dataJson: "{\"map\":\"dust\",\"rounds\":3}");
        var context = cluster.Fakes[room.RoomId].Context;
        var secret = await cluster.SecretInStoreAsync(room.RoomId);

        Assert.Equal(room.RoomId, context.RoomId);
        Assert.Equal("fake", context.RoomType);
        Assert.Equal(server.ServerId, context.ServerId);
        Assert.Equal(secret, context.RoomSecret);
        Assert.Equal(43, context.RoomSecret.Length);
        var expected = new Dictionary<string, string>
        {
            [GathoEnvironment.RoomId] = room.RoomId,
            [GathoEnvironment.RoomType] = "fake",
            [GathoEnvironment.ServerId] = server.ServerId,
            [GathoEnvironment.RoomSecret] = secret,
            [GathoEnvironment.NotifySocket] = "uds:" + Path.Combine(cluster.SocketDirectory, room.RoomId, "sock"),
            [GathoEnvironment.RoomHost] = "127.0.0.2",
            [GathoEnvironment.RoomData] = "{\"map\":\"dust\",\"rounds\":3}",
        };
        Assert.Equal(expected.OrderBy(p => p.Key), context.Environment.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Every_room_gets_its_own_secret()
    {
        await using var cluster = new TestCluster();
        var server = await cluster.StartServerAsync();

        var first = await cluster.Sdk.CreateRoomAsync("fake", server.ServerId);
        var second = await cluster.Sdk.CreateRoomAsync("fake", server.ServerId);

        Assert.NotEqual(await cluster.SecretInStoreAsync(first.RoomId), await cluster.SecretInStoreAsync(second.RoomId));
    }

    [Fact]
    public async Task A_stop_requested_before_an_async_runner_returned_is_applied_when_it_returns()
    {
        await using var cluster = new TestCluster();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stops = 0;
        RunnerContext? started = null;
        var server = await cluster.StartServerAsync(o => o.Rooms["slow"] = RoomRunner.Create(async (context, _) =>
        {
            started = context;
            await release.Task;
            return () =>
            {
                Interlocked.Increment(ref stops);
                context.Stopped(143);
                return ValueTask.CompletedTask;
            };
        }));
        var creating = cluster.Sdk.CreateRoomAsync("slow", server.ServerId, timeout: Wait.Patience);
        var roomId = await cluster.PendingRoomIdAsync(server);
        await Wait.UntilAsync(() => Volatile.Read(ref started) is not null, "the runner called");

        // The destroy reaches the server while the runner is still starting the room: there is nothing to stop yet.
        await cluster.Sdk.DestroyRoomAsync(roomId);
        await Assert.ThrowsAsync<RoomFailedException>(() => creating);
        Assert.Equal(0, Volatile.Read(ref stops));
        release.SetResult();

        await Wait.UntilAsync(() => Volatile.Read(ref stops) == 1, "the queued stop applied");
        await Wait.UntilAsync(() => server.GetRoomDetails(roomId) is null, "the server forgetting the room");
        Assert.Equal(1, Volatile.Read(ref stops));
        Assert.Empty(cluster.Driver.Failures);
    }

    [Fact]
    public async Task A_stopper_runs_once_however_often_the_server_asks()
    {
        var calls = 0;
        var runner = RoomRunner.Create((_, _) => ValueTask.FromResult<Func<ValueTask>>(() =>
        {
            Interlocked.Increment(ref calls);
            return ValueTask.CompletedTask;
        }));
        var directory = Directory.CreateTempSubdirectory("gr-").FullName;
        try
        {
            var stopper = await runner.StartAsync(new RecordedContext(directory).Context, CancellationToken.None);

            await stopper.StopAsync();
            await stopper.StopAsync();

            Assert.Equal(1, calls);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_synchronous_runner_gets_the_context_and_its_stopper_runs_once()
    {
        var calls = 0;
        string? roomId = null;
        var runner = RoomRunner.Create(context =>
        {
            roomId = context.RoomId;
            return () =>
            {
                Interlocked.Increment(ref calls);
                return ValueTask.CompletedTask;
            };
        });
        var directory = Directory.CreateTempSubdirectory("gr-").FullName;
        try
        {
            var recorded = new RecordedContext(directory);
            var stopper = await runner.StartAsync(recorded.Context, CancellationToken.None);
            await stopper.StopAsync();
            await stopper.StopAsync();

            Assert.Equal(recorded.Context.RoomId, roomId);
            Assert.Equal(1, calls);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Stopped_reaches_the_server_once()
    {
        var recorded = new RecordedContext(Path.GetTempPath());

        recorded.Context.Stopped(0);
        recorded.Context.Stopped(1);
        recorded.Context.Stopped(null);

        Assert.Equal(1, recorded.StoppedCalls);
        Assert.Equal(0, await recorded.Stopped);
    }
}
