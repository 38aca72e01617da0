namespace Gatho.Drivers.Conformance.Suite;

// Leader election: exclusive with a renewable lease on networked drivers; always granted on the local driver.
public abstract partial class DriverConformanceSuite
{
    [Fact]
    public async Task Leader_election_grants_one_leader_unless_the_driver_is_local()
    {
        Assert.True(await Driver.TryAcquireLeaderAsync("server-a"));
        Assert.True(await Driver.RenewLeaderAsync("server-a"));

        var secondGranted = await Driver.TryAcquireLeaderAsync("server-b");
        var secondRenewed = await Driver.RenewLeaderAsync("server-b");

        if (Driver.IsLocal)
        {
            // One process: every server in it may do the leader's work.
            Assert.True(secondGranted && secondRenewed);
        }
        else
        {
            Assert.False(secondGranted || secondRenewed);
        }
    }

    [Fact]
    public async Task Releasing_leadership_lets_another_server_lead()
    {
        Assert.True(await Driver.TryAcquireLeaderAsync("server-a"));

        await Driver.ReleaseLeaderAsync("server-a");

        Assert.True(await Driver.TryAcquireLeaderAsync("server-b"));
        Assert.True(await Driver.RenewLeaderAsync("server-b"));
    }

    [Fact]
    public async Task Leader_election_refuses_an_unusable_server_id()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Driver.TryAcquireLeaderAsync("not/an/id"));
    }
}
