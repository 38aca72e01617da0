using System.Collections.Generic;
using System.Linq;
using Gatho.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatho.Analyzers.Reporting;

/// <summary>Reports the parser's <see cref="Problem"/>s as diagnostics of the rules an analyzer owns.</summary>
internal sealed class ProblemReporter
{
    private readonly Dictionary<string, DiagnosticDescriptor> rules;

    public ProblemReporter(IEnumerable<DiagnosticDescriptor> rules)
    {
        this.rules = rules.ToDictionary(r => r.Id);
    }

    public IEnumerable<DiagnosticDescriptor> Rules => rules.Values;

    /// <summary>
    /// Each problem at its syntax (<paramref name="fallback"/>, the room or client, when it is not in source). A problem
    /// of a rule this reporter does not own is a bug in the catalog: it throws, so a test catches it.
    /// </summary>
    public void Report(SymbolAnalysisContext context, EquatableArray<Problem> problems, Location fallback, System.Func<Problem, bool>? which = null)
    {
        foreach (var problem in problems)
        {
            if (which is not null && !which(problem))
            {
                continue;
            }

            if (!rules.TryGetValue(problem.RuleId, out var rule))
            {
                throw new KeyNotFoundException($"the parser reported {problem.RuleId}, which no descriptor of this analyzer has");
            }

            var location = Locate(problem.Location, context.Compilation) ?? fallback;
            context.ReportDiagnostic(Diagnostic.Create(rule, location, problem.Arguments.Cast<object>().ToArray()));
        }
    }

    private static Location? Locate(ProblemLocation? at, Compilation compilation)
    {
        if (at is null)
        {
            return null;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == at.FilePath)
            {
                return Location.Create(tree, at.Span);
            }
        }

        return Location.Create(at.FilePath, at.Span, at.LineSpan);
    }
}
