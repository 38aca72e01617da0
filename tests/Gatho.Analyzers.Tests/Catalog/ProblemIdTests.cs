using System.Reflection;
using System.Text.RegularExpressions;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatho.Analyzers.Tests.Catalog;

/// <summary>
/// The parser's rule ids (ProblemIds) and the analyzers' descriptors are one catalog: every id the parser can record
/// is reported by exactly one analyzer, so no problem the generator refuses can go unreported.
/// </summary>
public sealed class ProblemIdTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(ProblemIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            data.Add((string)field.GetRawConstantValue()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_problem_id_is_a_rule_of_exactly_one_analyzer(string id)
    {
        var owners = Analyzers().Where(a => a.SupportedDiagnostics.Any(d => d.Id == id)).ToList();
        Assert.Single(owners);
    }

    [Fact]
    public void Every_message_format_numbers_its_arguments_from_zero_without_gaps()
    {
        foreach (var descriptor in Analyzers().SelectMany(a => a.SupportedDiagnostics))
        {
            var format = descriptor.MessageFormat.ToString().Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal);
            var used = Regex.Matches(format, @"\{(\d+)\}").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().OrderBy(n => n).ToArray();
            Assert.True(used.SequenceEqual(Enumerable.Range(0, used.Length)), $"{descriptor.Id} uses arguments {string.Join(", ", used)}");
        }
    }

    private static IEnumerable<DiagnosticAnalyzer> Analyzers() =>
        typeof(HelpLinks).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);
}
