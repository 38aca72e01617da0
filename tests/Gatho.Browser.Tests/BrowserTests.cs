using Gatho.Browser.Tests.Support;
using Gatho.TestSupport.Skipping;
using Xunit.Abstractions;

namespace Gatho.Browser.Tests;

/// <summary>
/// The samples in headless Chromium, driven by puppeteer-core (clients/js/test/browser): two pages chatting through
/// samples/Chat, one taken offline and back with no line lost or doubled; two pages using samples/Ha (redis-server,
/// two servers, the API) through its YARP front door (the Ha test skips, saying why, without redis-server);
/// screenshots land in clients/js/test-artifacts/.
/// </summary>
[SkipUnless(typeof(ChromiumInstalled))]
public sealed class BrowserTests(ITestOutputHelper output)
{
    [Fact]
    public Task ChromiumTestsOfTheSamplesPass() =>
        NodeTests.RunAsync(
            "browser",
            new Dictionary<string, string>
            {
                ["CHROMIUM"] = ChromiumInstalled.Chromium!,
                ["GATHO_CHAT_DLL"] = Repository.Output(Path.Combine("samples", "Chat"), "Chat"),
                ["GATHO_HA_DLL"] = Repository.Output(Path.Combine("samples", "Ha"), "Ha"),
            },
            output,
            TimeSpan.FromMinutes(4));
}
