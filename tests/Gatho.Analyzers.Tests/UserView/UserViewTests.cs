using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Gatho.Analyzers.Tests.UserView;

/// <summary>
/// The user's view (issue 10, item 4): <c>dotnet build</c> of a room project with one mistake of each kind prints each
/// GATHOnnnn with its file, line and message, nothing for the room without mistakes, and no compiler error beside
/// the diagnostics. One build serves every row.
/// </summary>
public sealed class UserViewTests : IClassFixture<UserProject>
{
    private readonly UserProject project;
    private readonly ITestOutputHelper output;

    public UserViewTests(UserProject project, ITestOutputHelper output)
    {
        this.project = project;
        this.output = output;
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var mistake in Mistakes.All)
        {
            data.Add(mistake.File);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_build_prints_the_diagnostic_with_file_line_and_message(string file)
    {
        var mistake = Mistakes.All.Single(m => m.File == file);

        // MSBuild's canonical form: /path/Game.Rooms/File.cs(line,column): warning GATHO2001: message [/path/Game.Rooms.csproj]
        var pattern = new Regex(
            $@"/{Regex.Escape(UserProject.ProjectName)}/{Regex.Escape(mistake.File)}\((?<line>\d+),(?<column>\d+)\): (?<severity>\w+) {mistake.Id}: (?<message>.*?)(?: \[[^\]]*\])?$",
            RegexOptions.Multiline);
        var printed = pattern.Matches(project.Output).Select(m => m).ToArray();
        Assert.True(printed.Length > 0, $"no {mistake.Id} for {mistake.File} in the build output:\n{project.Output}");
        var first = printed[0];
        Assert.Equal(mistake.Line, int.Parse(first.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(mistake.Severity, first.Groups["severity"].Value);
        Assert.StartsWith(mistake.Message, first.Groups["message"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_room_without_mistakes_gets_no_diagnostic_and_no_compiler_error_is_printed()
    {
        Assert.DoesNotContain("GoodRoom.cs(", project.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@": error CS\d{4}:"), project.Output);
    }

    [Fact]
    public void Warnings_leave_the_build_green_and_errors_fail_it()
    {
        // What the user reads, in the test log.
        foreach (var line in project.Output.Split('\n').Where(l => l.Contains(": warning ", StringComparison.Ordinal) || l.Contains(": error ", StringComparison.Ordinal)).Distinct())
        {
            output.WriteLine(line.TrimEnd());
        }

        var expectsError = Mistakes.All.Any(m => m.Severity == "error");
        Assert.True(expectsError ? project.ExitCode != 0 : project.ExitCode == 0, $"exit code {project.ExitCode}:\n{project.Output}");
    }
}
