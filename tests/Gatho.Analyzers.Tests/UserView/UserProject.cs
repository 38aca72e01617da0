using Gatho.Testing.Processes;

namespace Gatho.Analyzers.Tests.UserView;

/// <summary>
/// A room library as a user of the Gatho package has it, written to a temporary directory and built once with
/// <c>dotnet build</c>: it references the assemblies the Gatho.Room and Gatho.Client packages put in <c>lib/</c> (with
/// Gatho.Abstractions, Gatho.Protocol and MessagePack, their dependencies) and loads the generator,
/// the analyzers and the code fixes as the package's <c>analyzers/dotnet/cs</c> does (Analyzer items), all taken from
/// this test's output, so the build needs no package download and touches nothing in the repository. One source file
/// per <see cref="Mistake"/>, plus a room without mistakes.
/// </summary>
public sealed class UserProject : IAsyncLifetime
{
    public const string ProjectName = "Game.Rooms";

    // An upper bound only: one restore and build of a single project takes well under a minute on an idle machine.
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(10);

    private static readonly string[] LibAssemblies = { "Gatho.Abstractions", "Gatho.Protocol", "Gatho.Room", "Gatho.Client", "MessagePack", "MessagePack.Annotations" };

    // What the Gatho.Abstractions package ships under analyzers/dotnet/cs (src/Gatho.Abstractions/Gatho.Abstractions.csproj).
    private static readonly string[] AnalyzerAssemblies = { "Gatho.Generators", "Gatho.Analyzers", "Gatho.Analyzers.CodeFixes" };

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "gatho-userview-" + Guid.NewGuid().ToString("N"));

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var project = Path.Combine(Directory, ProjectName);
        System.IO.Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, ProjectName + ".csproj"), ProjectFile());
        await File.WriteAllTextAsync(Path.Combine(project, "GoodRoom.cs"), Mistakes.GoodRoom);
        foreach (var mistake in Mistakes.All)
        {
            await File.WriteAllTextAsync(Path.Combine(project, mistake.File), mistake.Source);
        }

        // No build server and no node reuse: nothing the test started outlives it.
        try
        {
            (ExitCode, Output) = await RunAsync(
                Path.Combine(project, ProjectName + ".csproj"),
                "build", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary");
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Task DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static string ProjectFile()
    {
        var bin = AppContext.BaseDirectory;
        var references = string.Concat(LibAssemblies.Select(name =>
            $"    <Reference Include=\"{name}\" HintPath=\"{Path.Combine(bin, name + ".dll")}\" />\n"));
        var analyzers = string.Concat(AnalyzerAssemblies.Select(name =>
            $"    <Analyzer Include=\"{Path.Combine(bin, name + ".dll")}\" />\n"));
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
            {references}  </ItemGroup>
              <ItemGroup>
            {analyzers}  </ItemGroup>
            </Project>

            """;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string project, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",

            // The test host's MSBuild variables would point the child build at the test's own SDK state.
            ["MSBuildExtensionsPath"] = null,
            ["MSBuildSDKsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
        };
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var result = await ChildProcess.RunAsync(dotnet, [arguments[0], project, .. arguments.Skip(1)], Directory, environment, BuildLimit);
        return result.TimedOut
            ? throw new TimeoutException($"dotnet build of the user's project did not finish within {BuildLimit}:\n{result.Output}")
            : (result.ExitCode, result.Output);
    }
}
