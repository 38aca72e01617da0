using System.Reflection;

namespace Gatho.Packaging.Tests.Support;

/// <summary>Where this repository is, and the configuration its projects were built in for this test run.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the test (and the projects it references) was built in: the packs are of that build.</summary>
    public static string Configuration { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "GathoConfiguration").Value!;

    /// <summary>The projects that pack: the libraries under src/ and what tools/ holds (eng/Packages.proj).</summary>
    public static IReadOnlyList<string> LibraryPackageIds { get; } = new[] { "src", "tools" }
        .Select(folder => Path.Combine(Root, folder))
        .Where(Directory.Exists)
        .SelectMany(folder => Directory.GetFiles(folder, "*.csproj", SearchOption.AllDirectories))
        .Where(path => Path.GetFileName(Path.GetDirectoryName(path)) == Path.GetFileNameWithoutExtension(path))
        .Select(Path.GetFileNameWithoutExtension)
        .Order(StringComparer.Ordinal)
        .ToArray()!;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gatho.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Gatho.sln above {AppContext.BaseDirectory}");
    }
}
