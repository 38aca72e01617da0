using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gatho.Analyzers.RoomThread;

/// <summary>
/// GATHO2001 (<c>.Result</c>, <c>.Wait()</c>, <c>GetAwaiter().GetResult()</c> on a task, <c>Task.WaitAll/WaitAny</c>) and GATHO2002
/// (<c>Thread.Sleep</c>) directly inside a room callback (<see cref="RoomThreadBody"/>). Each is reported on the whole
/// blocking expression, which is what the code fix replaces.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingCallAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the <see cref="BlockingWaitFix"/> the code fix applies (absent: none).</summary>
    public const string FixProperty = "Fix";

    /// <summary>Diagnostic property: the async <c>RoomCallbacks</c> member for <see cref="BlockingWaitFix.AwaitInAsyncSlot"/>.</summary>
    public const string AsyncSlotProperty = "AsyncSlot";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(RoomThreadRules.BlockingWait, RoomThreadRules.ThreadSleep);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (RoomThreadSymbols.From(start.Compilation) is not { } symbols)
            {
                return;
            }

            var groups = new MethodGroupCallbacks(symbols);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols, groups), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeProperty(c, symbols, groups), OperationKind.PropertyReference);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, RoomThreadSymbols symbols, MethodGroupCallbacks groups)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name == "Sleep" && method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Thread))
        {
            if (RoomThreadBody.Of(invocation, context.ContainingSymbol, symbols, groups, context.CancellationToken) is { } sleeping)
            {
                context.ReportDiagnostic(Diagnostic.Create(RoomThreadRules.ThreadSleep, invocation.Syntax.GetLocation(), sleeping.Description));
            }

            return;
        }

        string call;
        IOperation? task;
        if (method.Name == "Wait" && !method.IsStatic && symbols.IsTask(method.ContainingType))
        {
            call = invocation.Arguments.IsEmpty ? ".Wait()" : ".Wait(...)";
            task = invocation.Instance;
        }
        else if (method.Name == "GetResult" && method.Parameters.IsEmpty
            && invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter
            && symbols.IsTaskAwaitable(awaiter.TargetMethod.ContainingType))
        {
            call = "GetAwaiter().GetResult()";
            task = awaiter.Instance;
        }
        else if (method.Name is "WaitAll" or "WaitAny" && method.IsStatic && symbols.IsTask(method.ContainingType))
        {
            // No fix: Task.WhenAll/WhenAny return different things (and the timeout overloads a bool).
            call = "Task." + method.Name + "(...)";
            task = null;
        }
        else
        {
            return;
        }

        Report(context, symbols, groups, invocation, call, task);
    }

    private static void AnalyzeProperty(OperationAnalysisContext context, RoomThreadSymbols symbols, MethodGroupCallbacks groups)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (reference.Property.Name == "Result" && symbols.IsTask(reference.Property.ContainingType))
        {
            Report(context, symbols, groups, reference, ".Result", reference.Instance);
        }
    }

    private static void Report(OperationAnalysisContext context, RoomThreadSymbols symbols, MethodGroupCallbacks groups, IOperation blocking, string call, IOperation? task)
    {
        if (RoomThreadBody.Of(blocking, context.ContainingSymbol, symbols, groups, context.CancellationToken) is not { } body)
        {
            return;
        }

        var taskText = task?.Syntax.ToString()
            ?? (blocking.Syntax is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } ? arguments.ToString() : "the task");
        if (taskText.Length > 60)
        {
            taskText = taskText.Substring(0, 57) + "...";
        }

        var properties = ImmutableDictionary<string, string?>.Empty;
        if (body.Fix != BlockingWaitFix.None && task is not null && CanAwaitHere(blocking))
        {
            properties = properties.Add(FixProperty, body.Fix.ToString());
            if (body.AsyncSlot is not null)
            {
                properties = properties.Add(AsyncSlotProperty, body.AsyncSlot);
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(RoomThreadRules.BlockingWait, blocking.Syntax.GetLocation(), properties, call, taskText, body.Description, body.Advice));
    }

    // await is not allowed in a lock body; Wait(timeout) returns a bool and Wait() in an expression has no await form.
    private static bool CanAwaitHere(IOperation blocking)
    {
        if (blocking is IInvocationOperation { TargetMethod.Name: "Wait" } wait
            && (!wait.Arguments.IsEmpty || wait.Parent is not IExpressionStatementOperation))
        {
            return false;
        }

        for (var node = blocking.Syntax.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case LockStatementSyntax:
                case QueryExpressionSyntax:
                    return false;
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case MemberDeclarationSyntax:
                    return true;
            }
        }

        return true;
    }
}
