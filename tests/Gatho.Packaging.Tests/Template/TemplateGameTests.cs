using System.Diagnostics;
using System.Text.Json;
using Gatho.Packaging.Tests.Support;
using Xunit.Abstractions;

namespace Gatho.Packaging.Tests.Template;

/// <summary>
/// A user's first five minutes: `dotnet new install` the packed template (into a private hive), `dotnet new
/// gatho-game`, build with zero warnings against the packed feed, `dotnet run` a round to the end.
/// </summary>
public sealed class TemplateGameTests : IAsyncLifetime
{
    private PackageFeed feed = null!;
    private readonly ITestOutputHelper output;

    public TemplateGameTests(ITestOutputHelper output) => this.output = output;

    public async Task InitializeAsync() => feed = await SharedPackageFeed.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_game_made_from_the_template_builds_without_warnings_and_plays_a_round_to_the_end()
    {
        var clock = Stopwatch.StartNew();
        var hive = "--debug:custom-hive";
        var parent = feed.NewProjectDirectory("template");
        await DotnetCli.RunCheckedAsync(parent, feed.PackagesFolder, "new", "install", feed.PackagePath("Gatho.Templates"), hive, feed.TemplateHive);
        await DotnetCli.RunCheckedAsync(parent, feed.PackagesFolder, "new", "gatho-game", "-n", "MyGame", hive, feed.TemplateHive);
        var game = Path.Combine(parent, "MyGame");
        Assert.True(File.Exists(Path.Combine(game, "MyGame.slnx")), "the template made no MyGame.slnx");
        foreach (var project in new[] { "MyGame.Rooms", "MyGame.Server", "MyGame.Client" })
        {
            var file = await File.ReadAllTextAsync(Path.Combine(game, project, project + ".csproj"));
            Assert.DoesNotContain("src/", file, StringComparison.Ordinal);
        }

        Assert.Contains($"<GathoVersion>{feed.Version}</GathoVersion>", await File.ReadAllTextAsync(Path.Combine(game, "Directory.Packages.props")));

        var build = await DotnetCli.RunAsync(game, feed.PackagesFolder, "build", "MyGame.slnx", "-nologo", "-nodeReuse:false", "-warnaserror");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(" 0 Warning(s)", build.Output);
        AssertFromFeed("Gatho.Room", Path.Combine(game, "MyGame.Server"));
        AssertFromFeed("Gatho.Abstractions", Path.Combine(game, "MyGame.Rooms"));
        AssertFromFeed("Gatho.Client", Path.Combine(game, "MyGame.Client"));
        output.WriteLine($"dotnet new + build: {clock.Elapsed.TotalSeconds:F0} s");

        var round = await DotnetCli.RunAsync(game, feed.PackagesFolder, "run", "--no-build", "--project", "MyGame.Server");
        output.WriteLine(round.Output);
        output.WriteLine($"dotnet new to a finished round: {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(round.ExitCode == 0, round.ToString());
        Assert.Contains("player 1 joined", round.Output);
        Assert.Contains("player 2 joined", round.Output);
        Assert.Matches(@"player (1|2): I won at 21", round.Output);
        Assert.Contains("round over", round.Output);
    }

    // The restore resolved the package from the packed feed into the private folder (not from anywhere else).
    private void AssertFromFeed(string id, string projectDirectory)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(projectDirectory, "obj", "project.assets.json")));
        var library = assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Single(l => l.Name.StartsWith(id + "/", StringComparison.Ordinal));
        Assert.Equal("package", library.Value.GetProperty("type").GetString());
        Assert.Equal($"{id}/{feed.Version}", library.Name);
        var folder = Path.Combine(feed.PackagesFolder, id.ToLowerInvariant(), feed.Version.ToLowerInvariant());
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ".nupkg.metadata")));
        Assert.Equal(feed.Feed, metadata.RootElement.GetProperty("source").GetString()!.TrimEnd('/'));
    }
}
