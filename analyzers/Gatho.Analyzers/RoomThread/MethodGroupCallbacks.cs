using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Gatho.Analyzers.RoomThread;

/// <summary>
/// Methods and local functions given by name to a room callback slot (<c>OnJoin = Joined</c>), found once per syntax
/// tree. Only uses in the method's own file are seen; a method handed over from another file is not judged.
/// </summary>
internal sealed class MethodGroupCallbacks
{
    private readonly RoomThreadSymbols symbols;
    private readonly ConcurrentDictionary<SyntaxTree, Dictionary<ISymbol, ISymbol>> byTree = new();

    public MethodGroupCallbacks(RoomThreadSymbols symbols)
    {
        this.symbols = symbols;
    }

    /// <summary>The slot or scheduling method <paramref name="method"/> is given to in <paramref name="model"/>'s tree.</summary>
    public ISymbol? Find(SemanticModel model, IMethodSymbol method, CancellationToken cancellationToken)
    {
        var uses = byTree.GetOrAdd(model.SyntaxTree, _ => Collect(model, cancellationToken));
        return uses.TryGetValue(method.OriginalDefinition, out var use) ? use : null;
    }

    private Dictionary<ISymbol, ISymbol> Collect(SemanticModel model, CancellationToken cancellationToken)
    {
        var uses = new Dictionary<ISymbol, ISymbol>(SymbolEqualityComparer.Default);
        foreach (var node in model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes())
        {
            // A method group is the right side of an initializer assignment or an argument: OnJoin = Joined, Schedule(t, Tick).
            if (node is not (IdentifierNameSyntax or MemberAccessExpressionSyntax) || node.Parent is not (AssignmentExpressionSyntax or ArgumentSyntax))
            {
                continue;
            }

            if (model.GetOperation(node, cancellationToken) is IMethodReferenceOperation reference
                && RoomThreadBody.CallbackUse(reference, symbols) is { } use)
            {
                uses[reference.Method.OriginalDefinition] = use;
            }
        }

        return uses;
    }
}
