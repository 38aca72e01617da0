using Gatho.Browser.Tests.Support;
using Gatho.TestSupport.Skipping;
using Xunit.Abstractions;

namespace Gatho.Browser.Tests;

/// <summary>
/// The JavaScript client (clients/js) against real Gatho.NET rooms (tests/Gatho.Browser.Rooms): text, bytes, typed
/// messages, auth errors, consented close, and the v2 resume across 100 cuts (clients/js/test/client).
/// </summary>
[SkipUnless(typeof(NodeInstalled))]
public sealed class JsClientTests(ITestOutputHelper output)
{
    [Fact]
    public Task NodeTestsOfTheJsClientPass() =>
        NodeTests.RunAsync("client", new Dictionary<string, string>(), output, TimeSpan.FromMinutes(4));
}
