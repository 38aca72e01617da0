using Gatho.Packaging.Tests.Support;

namespace Gatho.Packaging.Tests.FromScratch;

/// <summary>
/// A project a user starts without the template: `dotnet new console`, then PackageReferences to Gatho.Abstractions
/// and Gatho.Client. The generator runs (the typed client exists and compiles against), and an analyzer reports a
/// deliberate mistake at its line.
/// </summary>
public sealed class FromScratchProjectTests : IAsyncLifetime
{
    private const string Room = """
        using Gatho;

        namespace Scratch;

        public sealed record Ping(int Seq);

        public sealed record Pong(int Seq);

        [GathoRoom("ping")]
        [Sends(typeof(Pong))]
        public partial class PingRoom
        {
            [OnMessage]
            private void Pinged(IRoomClient client, Ping ping) => Send(client, new Pong(ping.Seq));
        }

        [GathoClient(typeof(PingRoom))]
        public partial class PingClient;
        """;

    // Compiles only if the generator wrote PingClient's constructor, its Pong event and Send(Ping).
    private const string Program = """
        using Scratch;

        var client = new PingClient("ws://127.0.0.1:9/?gv=2");
        client.Pong += pong => Console.WriteLine(pong.Seq);
        client.Send(new Ping(1));
        Console.WriteLine(PingRoom.RoomType);
        """;

    private const string Mistake = """
        using Gatho;

        namespace Scratch;

        [GathoRoom("not-partial")]
        public class NotPartialRoom
        {
        }
        """;

    private PackageFeed feed = null!;

    public async Task InitializeAsync() => feed = await SharedPackageFeed.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_console_project_referencing_the_packages_gets_the_typed_client_and_the_analyzers()
    {
        var parent = feed.NewProjectDirectory("scratch");
        await DotnetCli.RunCheckedAsync(parent, feed.PackagesFolder, "new", "console", "-n", "Scratch", "--no-restore",
            "--debug:custom-hive", Path.Combine(feed.Sandbox, "hive-scratch")); // its own: the template test installs into the shared one meanwhile
        var project = Path.Combine(parent, "Scratch");
        var csproj = Path.Combine(project, "Scratch.csproj");
        var text = await File.ReadAllTextAsync(csproj);
        Assert.DoesNotContain("<ProjectReference", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(csproj, text.Replace("</Project>", $"""
              <ItemGroup>
                <PackageReference Include="Gatho.Abstractions" Version="{feed.Version}" />
                <PackageReference Include="Gatho.Client" Version="{feed.Version}" />
              </ItemGroup>
              <PropertyGroup>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
            </Project>
            """, StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(project, "PingRoom.cs"), Room);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), Program);

        var build = await DotnetCli.RunAsync(project, feed.PackagesFolder, "build", "-nologo", "-nodeReuse:false", "-warnaserror");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(" 0 Warning(s)", build.Output);
        var generated = Path.Combine(project, "obj", "Debug", "net10.0", "generated", "Gatho.Generators");
        Assert.True(Directory.Exists(generated), $"the generator wrote nothing under {generated}");
        Assert.Contains(Directory.GetFiles(generated, "*.cs", SearchOption.AllDirectories), file => File.ReadAllText(file).Contains("partial class PingClient", StringComparison.Ordinal));

        await File.WriteAllTextAsync(Path.Combine(project, "NotPartialRoom.cs"), Mistake);
        var mistaken = await DotnetCli.RunAsync(project, feed.PackagesFolder, "build", "-nologo", "-nodeReuse:false");
        Assert.True(mistaken.ExitCode != 0, $"a non-partial [GathoRoom] class built:\n{mistaken}");
        Assert.Matches(@"NotPartialRoom\.cs\(6,\d+\): error GATHO1001: Room 'NotPartialRoom' must be partial", mistaken.Output);
    }
}
