using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Gatho.Analyzers.RoomThread;

/// <summary>
/// Which room callback, if any, an operation runs in directly: an attributed handler of a <c>[GathoRoom]</c>, an
/// <c>IRoomBehavior</c> method, or a lambda, local function or method given to a <c>RoomCallbacks</c> member or to
/// <c>IRoom.Schedule</c>/<c>ScheduleRepeating</c>/<c>Post</c>. Code in a nested lambda that is not itself such a
/// callback is not judged: whether it runs on the room thread (a LINQ selector) or elsewhere (<c>Task.Run</c>) is not
/// known here, and a rule that warns where it may be wrong teaches users to ignore it.
/// </summary>
internal sealed class RoomThreadBody
{
    private RoomThreadBody(string description, bool isAsync, string advice, BlockingWaitFix fix = BlockingWaitFix.None, string? asyncSlot = null)
    {
        Description = description;
        IsAsync = isAsync;
        Advice = advice;
        Fix = isAsync ? BlockingWaitFix.Await : fix;
        AsyncSlot = asyncSlot;
    }

    /// <summary>Names the callback in a message: "handler 'Join' of room 'ChatRoom'".</summary>
    public string Description { get; }

    /// <summary>The callback is already <c>async</c> (it can await where it blocks).</summary>
    public bool IsAsync { get; }

    /// <summary>What to write instead of a blocking wait here, for the message.</summary>
    public string Advice { get; }

    /// <summary>What the code fix can do to a blocking wait directly in this callback.</summary>
    public BlockingWaitFix Fix { get; }

    /// <summary>For <see cref="BlockingWaitFix.AwaitInAsyncSlot"/>: the async member to assign the lambda to.</summary>
    public string? AsyncSlot { get; }

    /// <summary>The callback <paramref name="operation"/> runs in directly, or null when it is not (known to be) on the room thread.</summary>
    public static RoomThreadBody? Of(IOperation operation, ISymbol containingSymbol, RoomThreadSymbols symbols, MethodGroupCallbacks groups, CancellationToken cancellationToken)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation lambda:
                    return CallbackUse(lambda, symbols) is { } use ? ForCallback(use, lambda, symbols) : null;
                case ILocalFunctionOperation local:
                    return ForMethod(local.Symbol, operation, symbols, groups, cancellationToken);
            }
        }

        return containingSymbol is IMethodSymbol method ? ForMethod(method, operation, symbols, groups, cancellationToken) : null;
    }

    /// <summary>
    /// Where a lambda or method group converted to a delegate goes: a <c>RoomCallbacks</c> member (the property) or an
    /// <c>IRoom</c> scheduling method (the method); null when neither.
    /// </summary>
    public static ISymbol? CallbackUse(IOperation function, RoomThreadSymbols symbols)
    {
        var conversion = function.Parent;
        if (conversion is not IDelegateCreationOperation)
        {
            return null;
        }

        switch (conversion.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Value == conversion
                && assignment.Target is IPropertyReferenceOperation target
                && symbols.IsCallbackSlot(target.Property):
                return target.Property;
            case IArgumentOperation { Parent: IInvocationOperation invocation } when symbols.IsRoomThreadScheduler(invocation.TargetMethod):
                return invocation.TargetMethod;
            default:
                return null;
        }
    }

    private static RoomThreadBody? ForMethod(IMethodSymbol method, IOperation operation, RoomThreadSymbols symbols, MethodGroupCallbacks groups, CancellationToken cancellationToken)
    {
        if (method.MethodKind == MethodKind.Ordinary && symbols.IsRoomHandler(method))
        {
            // void becomes ValueTask and AuthResult ValueTask<AuthResult>; a Task-returning method that is not async
            // has return statements that would need rewriting, so it gets no fix.
            var canBecomeAsync = method.ReturnsVoid || method.ReturnType.ToDisplayString() == Generators.Parsing.KnownNames.AuthResult;
            return new RoomThreadBody(
                $"handler '{method.Name}' of room '{method.ContainingType.Name}'",
                method.IsAsync,
                method.IsAsync ? "await it instead" : "await it instead and make the handler async (returning ValueTask or Task)",
                canBecomeAsync ? BlockingWaitFix.AwaitInAsyncMethod : BlockingWaitFix.None);
        }

        if (method.MethodKind == MethodKind.Ordinary && symbols.ImplementsRoomBehavior(method))
        {
            return new RoomThreadBody(
                $"'{method.ContainingType.Name}.{method.Name}'",
                method.IsAsync,
                method.IsAsync ? "await it instead" : "await it instead and make the method async");
        }

        if (operation.SemanticModel is { } model && groups.Find(model, method, cancellationToken) is { } use)
        {
            var body = ForCallback(use, null, symbols);
            return new RoomThreadBody($"'{method.Name}', given as {body.Description}", method.IsAsync, method.IsAsync ? "await it instead" : body.Advice);
        }

        return null;
    }

    private static RoomThreadBody ForCallback(ISymbol use, IAnonymousFunctionOperation? lambda, RoomThreadSymbols symbols)
    {
        var isAsync = lambda?.Symbol.IsAsync == true;
        if (use is IPropertySymbol slot)
        {
            var counterpart = symbols.AsyncCounterpart(slot);
            var advice = isAsync ? "await it instead"
                : counterpart is null ? "await it instead in an async callback"
                : $"await it instead in an async callback assigned to '{counterpart.Name}'";

            // A lambda in a synchronous slot moves to the async one (OnJoin = (…) => … becomes OnJoinAsync = async (…) => …)
            // unless that one is set too. A lambda already in an async slot but not async has returns to rewrite: no fix.
            var movable = lambda is not null && counterpart is not null
                && lambda.Parent?.Parent is ISimpleAssignmentOperation assignment && !RoomThreadSymbols.AlsoAssigned(assignment, counterpart);
            return new RoomThreadBody(
                $"the RoomCallbacks.{slot.Name} callback",
                isAsync,
                advice,
                movable ? BlockingWaitFix.AwaitInAsyncSlot : BlockingWaitFix.None,
                movable ? counterpart!.Name : null);
        }

        return new RoomThreadBody(
            $"a callback given to IRoom.{use.Name}",
            isAsync,
            isAsync ? "await it instead" : "await it instead, from an async handler or an async callback given to IRoom.Post");
    }
}
