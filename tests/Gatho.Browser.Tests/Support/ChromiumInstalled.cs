using Gatho.TestSupport.Skipping;

namespace Gatho.Browser.Tests.Support;

/// <summary>Debian's Chromium (<c>apt-get install chromium</c>; <c>.ci/run</c> installs it) and Node.js 20+.</summary>
public sealed class ChromiumInstalled : ITestPrecondition
{
    /// <summary>The Chromium executable, or null.</summary>
    public static string? Chromium { get; } = Executables.Find("chromium", "chromium-browser");

    /// <inheritdoc />
    public string? MissingReason => new NodeInstalled().MissingReason
        ?? (Chromium is null ? "chromium is not installed (apt-get install chromium; .ci/run does): the browser tests drive it headless" : null);
}
