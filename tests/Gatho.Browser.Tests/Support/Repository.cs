namespace Gatho.Browser.Tests.Support;

/// <summary>Paths in the repository and in the build outputs of the projects this one builds first.</summary>
internal static class Repository
{
    private const string Marker = "Gatho.Browser.Tests";

    /// <summary>The repository root (the directory holding Gatho.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>clients/js.</summary>
    public static string JsClient => Path.Combine(Root, "clients", "js");

    /// <summary>The build output of another project built with the same configuration as this one, e.g. Gatho.Browser.Rooms.</summary>
    public static string Output(string projectDirectory, string projectName)
    {
        var bin = AppContext.BaseDirectory;
        var index = bin.LastIndexOf(Marker, StringComparison.Ordinal);
        var rest = bin[(index + Marker.Length)..].TrimStart(Path.DirectorySeparatorChar);
        return Path.Combine(Root, projectDirectory, rest, projectName + ".dll");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gatho.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Gatho.sln above {AppContext.BaseDirectory}");
    }
}
