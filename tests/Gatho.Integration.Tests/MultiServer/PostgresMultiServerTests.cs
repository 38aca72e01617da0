using Gatho.Integration.Tests.MultiServer.Stores;
using Gatho.TestSupport.Skipping;
using Gatho.TestSupport.Stores;
using Xunit.Abstractions;

namespace Gatho.Integration.Tests.MultiServer;

/// <summary>The multi-server scenarios over one private PostgreSQL cluster.</summary>
[SkipUnless(typeof(PostgresInstalled))]
public sealed class PostgresMultiServerTests(ITestOutputHelper output) : MultiServerScenarios<PostgresStoreFixture>(output);
