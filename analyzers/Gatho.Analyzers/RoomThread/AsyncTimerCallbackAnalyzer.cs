using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gatho.Analyzers.RoomThread;

/// <summary>
/// GATHO2004: an async lambda, anonymous method or <c>async void</c> method given to <c>IRoom.Schedule</c> or
/// <c>IRoom.ScheduleRepeating</c>. They have no async form, so there is no fix; the message says what goes wrong and
/// what to write. Reported on the callback argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncTimerCallbackAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RoomThreadRules.AsyncTimerCallback);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (RoomThreadSymbols.From(start.Compilation) is { Room: not null } symbols)
            {
                start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Invocation);
            }
        });
    }

    private static void Analyze(OperationAnalysisContext context, RoomThreadSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Schedule" or "ScheduleRepeating") || !SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Room))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value is IDelegateCreationOperation { Target: var function } && AsyncCallbackSlotAnalyzer.IsAsyncVoid(function))
            {
                var consequence = method.Name == "ScheduleRepeating"
                    ? "the next tick can start while this one is still awaiting, and an exception after its first await is not logged as the timer's"
                    : "an exception after its first await is not logged as the timer's";
                context.ReportDiagnostic(Diagnostic.Create(RoomThreadRules.AsyncTimerCallback, argument.Syntax.GetLocation(), method.Name, consequence));
            }
        }
    }
}
