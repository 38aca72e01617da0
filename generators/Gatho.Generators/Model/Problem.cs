using Microsoft.CodeAnalysis.Text;

namespace Gatho.Generators.Model;

/// <summary>
/// Where a problem is, as values (the models must not hold a <c>Location</c> or a syntax tree): the analyzers turn it
/// back into a <c>Location</c> in the tree with this path; spans compare by value, so equal sources give equal models.
/// </summary>
/// <param name="FilePath">The syntax tree's file path.</param>
/// <param name="Span">The offending syntax's span in that tree.</param>
/// <param name="LineSpan">The same as lines and columns.</param>
internal sealed record ProblemLocation(string FilePath, TextSpan Span, LinePositionSpan LineSpan);

/// <summary>
/// A shape the generator cannot generate for (every problem is an error): the generator emits nothing for a room or
/// client with one, and the analyzers report it as the <see cref="RuleId"/> diagnostic at <see cref="Location"/>.
/// </summary>
/// <param name="RuleId">The GATHOnnnn id (<see cref="Parsing.ProblemIds"/>).</param>
/// <param name="Arguments">The rule's message arguments, in the order its message format numbers them.</param>
/// <param name="Location">The offending syntax (null when it is not in source; the analyzers then use the room).</param>
internal sealed record Problem(string RuleId, EquatableArray<string> Arguments, ProblemLocation? Location);
