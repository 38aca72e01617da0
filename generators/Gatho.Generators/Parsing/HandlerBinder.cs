using System.Linq;
using System.Threading;
using Gatho.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Parsing;

/// <summary>
/// Binds one attributed method to the callback it implements, or records why it cannot (GATHO1008–1011) at the
/// return type, parameter list or type parameters that are wrong. The accepted shapes are docs/authoring.md's table.
/// </summary>
internal static class HandlerBinder
{
    public const string MessageParameters = "(IRoomClient client, TMessage message)";

    private const string PlainReturns = "void, ValueTask or Task";

    /// <summary>A lifecycle handler, or null (with the problem recorded) when its shape is not one the room can call.</summary>
    public static LifecycleHandler? Lifecycle(IMethodSymbol method, string kind, ProblemList problems, CancellationToken cancellationToken)
    {
        var returns = kind == "OnAuth" ? AuthReturn(method, problems, cancellationToken) : PlainReturn(method, kind, problems, cancellationToken);
        if (returns is null)
        {
            return null;
        }

        var parameters = method.Parameters;
        var ok = kind switch
        {
            "OnStart" or "OnShutdown" => parameters.Length == 0,
            "OnAuth" => parameters.Length == 1 && HandlerSignatures.Is(parameters[0].Type, KnownNames.AuthRequest),
            "OnDrop" => parameters.Length is 1 or 2 && HandlerSignatures.Is(parameters[0].Type, KnownNames.RoomClient)
                && (parameters.Length == 1 || HandlerSignatures.IsInt(parameters[1].Type)),
            _ => parameters.Length == 1 && HandlerSignatures.Is(parameters[0].Type, KnownNames.RoomClient),
        };
        if (!ok || HasRefOrOut(method))
        {
            var expected = kind switch
            {
                "OnStart" or "OnShutdown" => "()",
                "OnAuth" => "(AuthRequest request)",
                "OnDrop" => "(IRoomClient client, int closeCode) or (IRoomClient client)",
                _ => "(IRoomClient client)",
            };
            problems.Add(ProblemIds.HandlerParameters, Sites.Parameters(method, cancellationToken), kind, method.Name, expected);
            return null;
        }

        return new LifecycleHandler(method.Name, returns.Value, parameters.Length);
    }

    /// <summary>
    /// An <c>[OnMessage]</c> method's return shape, or null (problem recorded) when the method cannot be bound; its
    /// parameters are checked too, so one method reports every problem it has.
    /// </summary>
    public static ReturnKind? Message(IMethodSymbol method, ProblemList problems, CancellationToken cancellationToken)
    {
        var returns = PlainReturn(method, "OnMessage", problems, cancellationToken);
        if (method.Parameters.Length != 2 || !HandlerSignatures.Is(method.Parameters[0].Type, KnownNames.RoomClient) || HasRefOrOut(method))
        {
            problems.Add(ProblemIds.HandlerParameters, Sites.Parameters(method, cancellationToken), "OnMessage", method.Name, MessageParameters);
            return null;
        }

        return returns;
    }

    /// <summary>The generated dispatch passes plain arguments: a <c>ref</c> or <c>out</c> parameter cannot be bound.</summary>
    private static bool HasRefOrOut(IMethodSymbol method) =>
        method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out);

    private static ReturnKind? AuthReturn(IMethodSymbol method, ProblemList problems, CancellationToken cancellationToken)
    {
        if (!GenericOrAsyncVoid(method, "OnAuth", problems, cancellationToken))
        {
            return null;
        }

        var returns = HandlerSignatures.ValueReturn(method, KnownNames.AuthResult);
        if (returns is null)
        {
            problems.Add(ProblemIds.HandlerReturnType, Sites.ReturnType(method, cancellationToken), "OnAuth", method.Name,
                "AuthResult, ValueTask<AuthResult> or Task<AuthResult>", method.ReturnType.ToDisplayString());
        }

        return returns;
    }

    private static ReturnKind? PlainReturn(IMethodSymbol method, string kind, ProblemList problems, CancellationToken cancellationToken)
    {
        if (!GenericOrAsyncVoid(method, kind, problems, cancellationToken))
        {
            return null;
        }

        var returns = HandlerSignatures.PlainReturn(method);
        if (returns is null)
        {
            problems.Add(ProblemIds.HandlerReturnType, Sites.ReturnType(method, cancellationToken), kind, method.Name, PlainReturns, method.ReturnType.ToDisplayString());
        }

        return returns;
    }

    private static bool GenericOrAsyncVoid(IMethodSymbol method, string kind, ProblemList problems, CancellationToken cancellationToken)
    {
        if (method.IsGenericMethod)
        {
            problems.Add(ProblemIds.GenericHandler, Sites.TypeParameters(method, cancellationToken), kind, method.Name);
            return false;
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            problems.Add(ProblemIds.AsyncVoidHandler, Sites.ReturnType(method, cancellationToken), kind, method.Name);
            return false;
        }

        return true;
    }
}
