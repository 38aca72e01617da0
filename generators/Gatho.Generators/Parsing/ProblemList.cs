using System.Collections.Generic;
using System.Linq;
using Gatho.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Parsing;

/// <summary>The problems one room or client parse finds, each at the syntax that is wrong (no duplicates).</summary>
internal sealed class ProblemList
{
    private readonly List<Problem> problems = new();

    public int Count => problems.Count;

    /// <summary>Adds a problem of rule <paramref name="ruleId"/> at <paramref name="at"/> (null: not in source).</summary>
    public void Add(string ruleId, Location? at, params string[] arguments)
    {
        var problem = new Problem(ruleId, arguments.ToEquatableArray(), Where(at));
        if (!problems.Contains(problem))
        {
            problems.Add(problem);
        }
    }

    public EquatableArray<Problem> ToEquatableArray() => problems.ToEquatableArray();

    /// <summary>A source location as values; null for metadata or missing locations.</summary>
    public static ProblemLocation? Where(Location? location) =>
        location is { IsInSource: true, SourceTree: { } tree }
            ? new ProblemLocation(tree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : null;

    /// <summary>The first source location of <paramref name="symbol"/> (its identifier), or null.</summary>
    public static Location? SourceOf(ISymbol? symbol) => symbol?.Locations.FirstOrDefault(l => l.IsInSource);
}
