using Gatho.TestSupport.Skipping;

namespace Gatho.TestSupport.Stores;

/// <summary>Holds when a PostgreSQL cluster can be started here (use with <see cref="SkipUnlessAttribute"/>).</summary>
public sealed class PostgresInstalled : ITestPrecondition
{
    public string? MissingReason => PostgresServerProcess.MissingReason;
}
