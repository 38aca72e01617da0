using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Gatho.Packaging.Tests.Support;

/// <summary>
/// Once per test run: packs the repository (<c>dotnet pack eng/Packages.proj --no-build</c>, the build the test run
/// just made) into a temporary folder feed, and lays out a sandbox in which a user's project sees only that feed for
/// Gatho.* and the machine's NuGet mirror for third-party packages (package source mapping), with a private NuGet
/// packages folder (so packages of the repository in the user's global cache cannot stand in for the packed ones;
/// it is shared by the tests of the run, so third-party packages download once) and a private template hive (so the
/// user's `dotnet new` is not changed).
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    private const string SandboxPrefix = "gatho-packaging-";

    public string Sandbox { get; } = Path.Combine(Path.GetTempPath(), $"{SandboxPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");

    public string Feed => Path.Combine(Sandbox, "feed");

    public string PackagesFolder => Path.Combine(Sandbox, "packages");

    public string TemplateHive => Path.Combine(Sandbox, "hive");

    /// <summary>Where user projects go: its nuget.config names the feed and the mirror only.</summary>
    public string Projects => Path.Combine(Sandbox, "projects");

    /// <summary>The version every Gatho package was packed with.</summary>
    public string Version { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Projects);
        try
        {
            // The mirror: what the machine's NuGet configuration enables, asked before the sandbox has its own.
            var sources = await DotnetCli.RunCheckedAsync(Projects, null, "nuget", "list", "source", "--format", "Short");
            var mirrors = sources.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
                .Select(line => line[2..].Trim())
                .ToArray();
            if (mirrors.Length == 0)
            {
                throw new InvalidOperationException($"no enabled NuGet source for third-party packages:\n{sources.Output}");
            }

            await DotnetCli.RunCheckedAsync(Repository.Root, null,
                "pack", Path.Combine(Repository.Root, "eng", "Packages.proj"), "--no-build", "-c", Repository.Configuration,
                "-o", Feed, "-nologo", "-nodeReuse:false");
            // The version is the one the packages carry (VersionPrefix in Directory.Build.props, and any suffix).
            Version = Directory.GetFiles(Feed, "Gatho.Protocol.*.nupkg")
                .Select(path => Regex.Match(Path.GetFileName(path), @"^Gatho\.Protocol\.(\d.*)\.nupkg$"))
                .Single(match => match.Success).Groups[1].Value;
            await File.WriteAllTextAsync(Path.Combine(Projects, "nuget.config"), NuGetConfig(mirrors));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Removes the sandboxes of earlier test processes that are gone: the test host may be ended before its exit
    /// handlers run, so a run cannot always clean up after itself, and the next one does.
    /// </summary>
    public static void RemoveAbandonedSandboxes()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), SandboxPrefix + "*"))
        {
            var owner = Path.GetFileName(directory)[SandboxPrefix.Length..].Split('-')[0];
            if (int.TryParse(owner, out var pid) && !IsRunning(pid))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // Another run removing it at the same time.
                }
            }
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Sandbox))
        {
            Directory.Delete(Sandbox, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The path of a package in the feed (<c>.nupkg</c> or <c>.snupkg</c>).</summary>
    public string PackagePath(string id, string extension = ".nupkg") => Path.Combine(Feed, $"{id}.{Version}{extension}");

    /// <summary>The entries of a packed package.</summary>
    public IReadOnlyList<string> Entries(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    /// <summary>The nuspec of a packed package.</summary>
    public XDocument ReadNuspec(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        using var nuspec = zip.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(nuspec);
    }

    /// <summary>A new empty directory under <see cref="Projects"/> (so the sandbox's nuget.config applies).</summary>
    public string NewProjectDirectory(string name)
    {
        var directory = Path.Combine(Projects, name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private string NuGetConfig(IEnumerable<string> mirrors)
    {
        var mirrorSources = string.Concat(mirrors.Select((url, i) => $"    <add key=\"mirror{i}\" value=\"{url}\" />\n"));
        var mirrorMapping = string.Concat(mirrors.Select((_, i) =>
            $"    <packageSource key=\"mirror{i}\">\n      <package pattern=\"*\" />\n    </packageSource>\n"));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="gatho-feed" value="{Feed}" />
            {mirrorSources}  </packageSources>
              <!-- Gatho.* comes from the packed feed only, never from the mirror. -->
              <packageSourceMapping>
                <packageSource key="gatho-feed">
                  <package pattern="Gatho.*" />
                </packageSource>
            {mirrorMapping}  </packageSourceMapping>
            </configuration>

            """;
    }
}

/// <summary>
/// The one feed of a test run, shared by the test classes (which run in parallel: the template's game and the
/// from-scratch project build at the same time). Packed on first use; its sandbox goes when the test process exits, or else at the start of the next run.
/// </summary>
public static class SharedPackageFeed
{
    private static readonly Lazy<Task<PackageFeed>> Feed = new(CreateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<PackageFeed> GetAsync() => Feed.Value;

    private static async Task<PackageFeed> CreateAsync()
    {
        PackageFeed.RemoveAbandonedSandboxes();
        var feed = new PackageFeed();
        await feed.InitializeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => feed.DisposeAsync().GetAwaiter().GetResult();
        return feed;
    }
}
