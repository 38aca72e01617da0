using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gatho.Analyzers.RoomThread;

/// <summary>
/// GATHO2003: an async lambda, anonymous method or <c>async void</c> method given to a synchronous (Action)
/// <c>RoomCallbacks</c> member. Reported on the assignment (<c>OnDrop = async (…) => …</c>), which is what the fix
/// rewrites to the member's async counterpart.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncCallbackSlotAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the async counterpart to assign instead, when one exists and is free.</summary>
    public const string CounterpartProperty = "Counterpart";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RoomThreadRules.AsyncLambdaInSyncSlot);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (RoomThreadSymbols.From(start.Compilation) is { } symbols)
            {
                start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.SimpleAssignment);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, RoomThreadSymbols symbols)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var slot } || !symbols.IsCallbackSlot(slot)
            || assignment.Value is not IDelegateCreationOperation { Target: var function }
            || !IsAsyncVoid(function))
        {
            return;
        }

        var counterpart = symbols.AsyncCounterpart(slot);
        string advice;
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (counterpart is null)
        {
            advice = "keep this callback synchronous and do the asynchronous work in an async callback the room awaits";
        }
        else if (RoomThreadSymbols.AlsoAssigned(assignment, counterpart))
        {
            advice = $"'{counterpart.Name}' is set as well (the room refuses both): move this code into '{counterpart.Name}'";
        }
        else if (function is IMethodReferenceOperation reference)
        {
            advice = $"make '{reference.Method.Name}' return ValueTask and assign it to '{counterpart.Name}', which the room awaits";
        }
        else
        {
            advice = $"assign it to '{counterpart.Name}', which the room awaits";
            properties = properties.Add(CounterpartProperty, counterpart.Name);
        }

        context.ReportDiagnostic(Diagnostic.Create(RoomThreadRules.AsyncLambdaInSyncSlot, assignment.Syntax.GetLocation(), properties, slot.Name, advice));
    }

    /// <summary>An async lambda or anonymous method converted to a void delegate, or an async void method group.</summary>
    internal static bool IsAsyncVoid(IOperation function) => function switch
    {
        IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync && lambda.Symbol.ReturnsVoid,
        IMethodReferenceOperation reference => reference.Method.IsAsync && reference.Method.ReturnsVoid,
        _ => false,
    };
}
