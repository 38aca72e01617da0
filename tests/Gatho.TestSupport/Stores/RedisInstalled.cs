using Gatho.TestSupport.Skipping;

namespace Gatho.TestSupport.Stores;

/// <summary>Holds when <c>redis-server</c> is on PATH (use with <see cref="SkipUnlessAttribute"/>).</summary>
public sealed class RedisInstalled : ITestPrecondition
{
    public string? MissingReason => RedisServerProcess.IsAvailable ? null : RedisServerProcess.MissingReason;
}
