using Gatho.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Parsing;

/// <summary>The handler shapes the generator binds (docs/authoring.md lists them).</summary>
internal static class HandlerSignatures
{
    /// <summary>void, ValueTask or Task; null for anything else.</summary>
    public static ReturnKind? PlainReturn(IMethodSymbol method)
    {
        if (method.ReturnsVoid)
        {
            return ReturnKind.Void;
        }

        return method.ReturnType.ToDisplayString() switch
        {
            "System.Threading.Tasks.ValueTask" => ReturnKind.ValueTask,
            "System.Threading.Tasks.Task" => ReturnKind.Task,
            _ => null,
        };
    }

    /// <summary>T, ValueTask&lt;T&gt; or Task&lt;T&gt; for the value type named <paramref name="valueType"/>.</summary>
    public static ReturnKind? ValueReturn(IMethodSymbol method, string valueType)
    {
        var returned = method.ReturnType.ToDisplayString();
        if (returned == valueType)
        {
            return ReturnKind.Value;
        }

        if (returned == $"System.Threading.Tasks.ValueTask<{valueType}>")
        {
            return ReturnKind.ValueTaskOfValue;
        }

        return returned == $"System.Threading.Tasks.Task<{valueType}>" ? ReturnKind.TaskOfValue : null;
    }

    public static bool Is(ITypeSymbol type, string metadataName) => type.ToDisplayString() == metadataName;

    public static bool IsInt(ITypeSymbol type) => type.SpecialType == SpecialType.System_Int32;
}
