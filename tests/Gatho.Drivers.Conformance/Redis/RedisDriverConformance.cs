using Gatho.Drivers.Conformance.Suite;
using Gatho.Drivers.Redis;
using Gatho.TestSupport.Skipping;
using Gatho.TestSupport.Stores;
using Microsoft.Extensions.Time.Testing;

namespace Gatho.Drivers.Conformance.Redis;

/// <summary>
/// The Redis driver against the shared suite, over a real redis-server the fixture started. The driver's leases run
/// on its <see cref="TimeProvider"/>, so a fake clock moves time here as for the memory driver; every test gets a
/// fresh key prefix, so tests share the server but never see each other's keys.
/// </summary>
[SkipUnless(typeof(RedisInstalled))]
public sealed partial class RedisDriverConformance : DriverConformanceSuite, IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private readonly RedisServerFixture redis;
    private readonly FakeTimeProvider clock = new();

    public RedisDriverConformance(RedisServerFixture redis)
    {
        this.redis = redis;
    }

    protected override Task<IDriver> CreateDriverAsync(TimeSpan staleServerAfter)
    {
        var server = redis.Server ?? throw new InvalidOperationException(RedisServerProcess.MissingReason);
        var options = new RedisDriverOptions { KeyPrefix = "t-" + Guid.NewGuid().ToString("N"), StaleServerAfter = staleServerAfter };
        return Task.FromResult<IDriver>(new RedisDriver(server.ConnectionString, options, clock));
    }

    protected override Task AdvanceTimeAsync(TimeSpan by)
    {
        for (var left = by; left > TimeSpan.Zero; left -= Step)
        {
            clock.Advance(left < Step ? left : Step);
        }

        return Task.CompletedTask;
    }
}
