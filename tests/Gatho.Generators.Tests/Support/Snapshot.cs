using System.Runtime.CompilerServices;

namespace Gatho.Generators.Tests.Support;

/// <summary>
/// Snapshot files of generated code (Verify cannot be restored here): <c>Snapshots/NAME.verified.cs</c> is checked in;
/// on a mismatch the actual text goes to <c>NAME.received.cs</c> beside it and the test fails with the first differing
/// line. <c>GATHO_ACCEPT_SNAPSHOTS=1</c> accepts (writes the verified file), except under <c>CI=true</c>, where a
/// snapshot is never accepted automatically.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "GATHO_ACCEPT_SNAPSHOTS";

    public static void Match(string name, string actual, [CallerFilePath] string caller = "")
    {
        var directory = Path.Combine(ProjectDirectory(caller), "Snapshots");
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        actual = Normalize(actual);
        var expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        if (Accepting())
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"no snapshot {verified}; the output is in {received} (review it, then rerun with {AcceptVariable}=1 to accept)"
            : $"generated code differs from {verified} ({FirstDifference(expected, actual)}); the output is in {received} (rerun with {AcceptVariable}=1 to accept)");
    }

    public static bool Accepting() =>
        Environment.GetEnvironmentVariable(AcceptVariable) == "1"
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}: expected `{left.Trim()}`, got `{right.Trim()}`";
            }
        }

        return "line endings";
    }

    // The snapshots live in the source tree: found from the caller's path, or (CI builds map source paths to /_/) by
    // walking up from the test binaries in bin/.
    private static string ProjectDirectory(string caller)
    {
        foreach (var start in new[] { Path.GetDirectoryName(caller), AppContext.BaseDirectory })
        {
            for (var dir = start; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "Gatho.Generators.Tests.csproj")))
                {
                    return dir;
                }
            }
        }

        throw new InvalidOperationException($"no Gatho.Generators.Tests.csproj above {caller} or {AppContext.BaseDirectory}");
    }
}
