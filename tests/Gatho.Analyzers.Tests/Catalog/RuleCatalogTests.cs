using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatho.Analyzers.Tests.Catalog;

/// <summary>
/// Every rule the analyzers assembly ships has a fixed id in the GATHOnnnn scheme, a help link to a page that exists
/// in docs/diagnostics/, and a release-tracking line (RS2008 keeps the build honest; this keeps the docs honest).
/// </summary>
public sealed class RuleCatalogTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors().Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal))
        {
            data.Add(descriptor);
        }

        return data;
    }

    [Fact]
    public void The_assembly_ships_rules() => Assert.NotEmpty(Descriptors());

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_an_id_in_the_scheme_a_help_page_and_a_release_entry(string id)
    {
        var descriptor = Descriptors().First(d => d.Id == id);
        Assert.Matches("^GATHO[0-9]{4}$", id);
        Assert.Equal(HelpLinks.For(id), descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(Root, "docs", "diagnostics", id + ".md")), $"docs/diagnostics/{id}.md is missing");
        var releases = File.ReadAllText(Path.Combine(Root, "analyzers", "Gatho.Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(Root, "analyzers", "Gatho.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.Contains(id + " ", releases, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), $"{id} has no title");
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()), $"{id} has no message");
    }

    [Fact]
    public void Authoring_guide_links_the_diagnostics_pages()
    {
        var authoring = File.ReadAllText(Path.Combine(Root, "docs", "authoring.md"));
        Assert.Contains("diagnostics/", authoring, StringComparison.Ordinal);
    }

    private static IReadOnlyList<DiagnosticDescriptor> Descriptors() =>
        typeof(HelpLinks).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .ToArray();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gatho.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Gatho.sln not found above " + AppContext.BaseDirectory);
    }
}
