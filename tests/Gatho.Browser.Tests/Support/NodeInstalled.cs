using Gatho.Testing.Processes;
using Gatho.TestSupport.Skipping;

namespace Gatho.Browser.Tests.Support;

/// <summary>Node.js 20 or later on PATH (the JavaScript client's supported runtime; CI machines have it).</summary>
public sealed class NodeInstalled : ITestPrecondition
{
    /// <summary>The node executable, or null.</summary>
    public static string? Node { get; } = Executables.Find("node");

    /// <summary>Node's major version, or 0 when it is missing or did not answer.</summary>
    public static int Major { get; } = Node is null ? 0 : ReadMajor(Node);

    /// <inheritdoc />
    public string? MissingReason => Node is null
        ? "node is not on PATH: the JavaScript client's tests need Node.js 20+"
        : Major < 20 ? $"node {Major} is too old: the JavaScript client's tests need Node.js 20+" : null;

    private static int ReadMajor(string node)
    {
        var result = ChildProcess.RunAsync(node, ["--version"], Repository.JsClient, new Dictionary<string, string?>(), TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        var text = result.Output.Trim().TrimStart('v');
        return int.TryParse(text.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture, out var major) ? major : 0;
    }
}
