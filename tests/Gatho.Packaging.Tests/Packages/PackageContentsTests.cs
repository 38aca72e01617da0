using System.Xml.Linq;
using Gatho.Packaging.Tests.Support;

namespace Gatho.Packaging.Tests.Packages;

/// <summary>What each packed package holds and depends on, read from the packages themselves.</summary>
public sealed class PackageContentsTests : IAsyncLifetime
{
    private PackageFeed feed = null!;

    public async Task InitializeAsync() => feed = await SharedPackageFeed.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> Libraries => new(Repository.LibraryPackageIds);

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_library_packs_with_its_metadata_readme_docs_and_symbols(string id)
    {
        Assert.True(File.Exists(feed.PackagePath(id)), $"{id}.{feed.Version}.nupkg was not packed into {feed.Feed}");
        Assert.True(File.Exists(feed.PackagePath(id, ".snupkg")), $"{id} has no symbol package");
        var metadata = Metadata(feed.ReadNuspec(id));
        Assert.Equal(id, Value(metadata, "id"));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")), $"{id} has no description");
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        var entries = feed.Entries(id);
        Assert.Contains("README.md", entries);
        // A library ships its assemblies with their XML docs under lib/; a .NET tool (PackAsTool) ships under tools/.
        var assemblies = entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)).ToArray();
        Assert.All(assemblies, dll => Assert.Contains(Path.ChangeExtension(dll, ".xml"), entries));
        Assert.True(assemblies.Length > 0 || entries.Any(e => e.StartsWith("tools/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)),
            $"{id} has no assembly under lib/ or tools/");
    }

    [Fact]
    public void Abstractions_carries_the_generator_the_analyzers_and_the_code_fixes_where_the_compiler_loads_them()
    {
        var entries = feed.Entries("Gatho.Abstractions");
        Assert.Contains("analyzers/dotnet/cs/Gatho.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Gatho.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Gatho.Analyzers.CodeFixes.dll", entries);
        Assert.Contains("lib/netstandard2.1/Gatho.Abstractions.dll", entries);
        Assert.Contains("lib/net10.0/Gatho.Abstractions.dll", entries);
    }

    [Fact]
    public void A_netstandard21_client_pulls_only_the_client_and_the_protocol_and_no_framework()
    {
        // Everything a Unity-class project (netstandard2.1) restores through Gatho.Client, package by package.
        var seen = new List<string>();
        var pending = new Queue<string>(new[] { "Gatho.Client" });
        while (pending.TryDequeue(out var id))
        {
            seen.Add(id);
            var group = Group(feed.ReadNuspec(id), ".NETStandard2.1");
            Assert.True(group is not null, $"{id} has no netstandard2.1 dependency group");
            Assert.Empty(FrameworkReferences(feed.ReadNuspec(id), ".NETStandard2.1"));
            foreach (var dependency in group!.Elements().Select(e => (string)e.Attribute("id")!))
            {
                Assert.True(dependency.StartsWith("Gatho.", StringComparison.Ordinal), $"{id} (netstandard2.1) depends on {dependency}");
                pending.Enqueue(dependency);
            }
        }

        Assert.Equal(new[] { "Gatho.Client", "Gatho.Protocol" }, seen);
    }

    [Fact]
    public void The_room_and_server_packages_bring_asp_net_core_as_a_framework_reference()
    {
        Assert.Contains("Microsoft.AspNetCore.App", FrameworkReferences(feed.ReadNuspec("Gatho.Room"), "net10.0"));
        Assert.Contains("Microsoft.AspNetCore.App", FrameworkReferences(feed.ReadNuspec("Gatho.Server"), "net10.0"));
    }

    [Fact]
    public void Referencing_only_the_room_package_keeps_the_generator_of_its_abstractions_dependency()
    {
        // NuGet drops a dependency's analyzers unless the dependency says otherwise: a room project referencing
        // Gatho.Room alone would compile its [GathoRoom] classes without the generator.
        var dependency = Group(feed.ReadNuspec("Gatho.Room"), "net10.0")!.Elements()
            .Single(e => (string)e.Attribute("id")! == "Gatho.Abstractions");
        var excluded = ((string?)dependency.Attribute("exclude") ?? "").Split(',', StringSplitOptions.TrimEntries);
        Assert.DoesNotContain("Analyzers", excluded, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Gatho_packages_depend_on_each_other_at_the_version_they_were_packed_with()
    {
        foreach (var id in Repository.LibraryPackageIds)
        {
            var dependencies = Metadata(feed.ReadNuspec(id)).Elements().Where(e => e.Name.LocalName == "dependencies")
                .SelectMany(d => d.Descendants().Where(e => e.Name.LocalName == "dependency"))
                .Where(e => ((string)e.Attribute("id")!).StartsWith("Gatho.", StringComparison.Ordinal));
            Assert.All(dependencies, d => Assert.Equal(feed.Version, (string)d.Attribute("version")!));
        }
    }

    [Fact]
    public void The_template_package_is_a_template_whose_projects_reference_the_packed_version()
    {
        var metadata = Metadata(feed.ReadNuspec("Gatho.Templates"));
        var packageType = metadata.Elements().Single(e => e.Name.LocalName == "packageTypes").Elements().Single();
        Assert.Equal("Template", (string)packageType.Attribute("name")!);
        using var zip = System.IO.Compression.ZipFile.OpenRead(feed.PackagePath("Gatho.Templates"));
        using var reader = new StreamReader(zip.GetEntry("content/gatho-game/.template.config/template.json")!.Open());
        var templateJson = reader.ReadToEnd();
        Assert.Contains($"\"defaultValue\": \"{feed.Version}\"", templateJson);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("/bin/", StringComparison.Ordinal) || e.FullName.Contains("/obj/", StringComparison.Ordinal));
    }

    private static XElement Metadata(XDocument nuspec) => nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    private static string? Value(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    private static XElement? Group(XDocument nuspec, string targetFramework) => Metadata(nuspec).Elements()
        .Where(e => e.Name.LocalName == "dependencies").Elements()
        .SingleOrDefault(g => (string?)g.Attribute("targetFramework") == targetFramework);

    private static string[] FrameworkReferences(XDocument nuspec, string targetFramework) => Metadata(nuspec).Elements()
        .Where(e => e.Name.LocalName == "frameworkReferences").Elements()
        .Where(g => (string?)g.Attribute("targetFramework") == targetFramework)
        .Elements().Select(e => (string)e.Attribute("name")!).ToArray();
}
