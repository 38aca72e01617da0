using Gatho.Integration.Tests.MultiServer.Stores;
using Gatho.TestSupport.Skipping;
using Gatho.TestSupport.Stores;
using Xunit.Abstractions;

namespace Gatho.Integration.Tests.MultiServer;

/// <summary>The multi-server scenarios over one private redis-server.</summary>
[SkipUnless(typeof(RedisInstalled))]
public sealed class RedisMultiServerTests(ITestOutputHelper output) : MultiServerScenarios<RedisStoreFixture>(output);
