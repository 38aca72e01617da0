using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gatho.Client.Tests.Aot;

namespace Gatho.Client.Tests.Unity;

/// <summary>
/// Issue 13, item 6: the build step that lays out the Unity package, and the netstandard2.1 dependency list it ships:
/// Gatho.Client.dll and Gatho.Protocol.dll, referencing nothing but netstandard (and each other).
/// </summary>
[Trait("Category", "Unity")]
public sealed partial class UnityPackageTests : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), "gatho-unity-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_unity_package_holds_package_json_an_assembly_definition_and_the_two_netstandard21_dlls_with_meta_files()
    {
        var project = Path.Combine(NativeSample.Repository, "src", "Gatho.Client", "Gatho.Client.csproj");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var (exit, log) = await NativeSample.RunAsync("dotnet", new[] { "build", project, "-c", configuration, "-f", "netstandard2.1", "-t:UnityPackage", "-nologo", $"-p:UnityPackageOutput={output}/" }, TimeSpan.FromMinutes(10));
        Assert.True(exit == 0, $"the UnityPackage build failed ({exit}):\n{log}");

        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "package.json")));
        Assert.Equal("com.gatho.client", package.RootElement.GetProperty("name").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", package.RootElement.GetProperty("version").GetString()!);
        Assert.Matches(@"^\d{4}\.\d$", package.RootElement.GetProperty("unity").GetString()!);

        var plugins = Directory.GetFiles(Path.Combine(output, "Runtime", "Plugins"), "*.dll").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(new[] { "Gatho.Client.dll", "Gatho.Protocol.dll" }, plugins);
        using var asmdef = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "Runtime", "Gatho.Client.Unity.asmdef")));
        Assert.Equal(plugins, asmdef.RootElement.GetProperty("precompiledReferences").EnumerateArray().Select(e => e.GetString()).Order().ToArray());

        // Unity ignores an asset without a .meta in an immutable (tarball, git) package: every file and folder has one, GUIDs unique.
        var assets = Directory.GetFileSystemEntries(output, "*", SearchOption.AllDirectories).Where(p => !p.EndsWith(".meta", StringComparison.Ordinal)).ToArray();
        var guids = new List<string>();
        foreach (var asset in assets)
        {
            var meta = asset + ".meta";
            Assert.True(File.Exists(meta), $"no .meta for {Path.GetRelativePath(output, asset)}");
            guids.Add(MetaGuid().Match(File.ReadAllText(meta)).Groups[1].Value);
        }

        Assert.All(guids, g => Assert.Equal(32, g.Length));
        Assert.Equal(guids.Count, guids.Distinct().Count());

        Assert.Equal(new[] { "Gatho.Protocol", "netstandard" }, References(Path.Combine(output, "Runtime", "Plugins", "Gatho.Client.dll")));
        Assert.Equal(new[] { "netstandard" }, References(Path.Combine(output, "Runtime", "Plugins", "Gatho.Protocol.dll")));
    }

    public void Dispose()
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static string[] References(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).Order().ToArray();
    }

    [GeneratedRegex(@"^guid: ([0-9a-f]+)$", RegexOptions.Multiline)]
    private static partial Regex MetaGuid();
}
