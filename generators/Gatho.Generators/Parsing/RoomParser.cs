using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatho.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatho.Generators.Parsing;

/// <summary>
/// Turns one <c>[GathoRoom]</c> class into a <see cref="RoomModel"/>. Every shape it cannot bind becomes a problem the
/// emitter turns into a compile error (DESIGN D11: never a silent skip); analyzers (GATHOnnnn) will report the same
/// at the offending line.
/// </summary>
internal static class RoomParser
{
    private static readonly (string Attribute, string Kind)[] Lifecycle =
    {
        (KnownNames.OnStart, "OnStart"), (KnownNames.OnAuth, "OnAuth"), (KnownNames.OnJoin, "OnJoin"), (KnownNames.OnDrop, "OnDrop"),
        (KnownNames.OnReconnect, "OnReconnect"), (KnownNames.OnLeave, "OnLeave"), (KnownNames.OnShutdown, "OnShutdown"),
    };

    public static RoomModel Parse(INamedTypeSymbol room, References references, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var name = room.Name;
        var roomType = ContractReader.RoomTypeOf(room);
        if (string.IsNullOrWhiteSpace(roomType))
        {
            problems.Add($"room {name}: [GathoRoom] needs a non-empty room type, e.g. [GathoRoom(\"{name.ToLowerInvariant()}\")]");
        }

        roomType ??= string.Empty;

        CheckDeclaration(room, problems);
        var lifecycle = new Dictionary<string, LifecycleHandler>();
        var typed = new List<(IMethodSymbol Method, ReturnKind Returns, ITypeSymbol Type)>();
        MessageHandler? text = null;
        MessageHandler? bytes = null;
        foreach (var method in room.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (attribute, kind) in Lifecycle)
            {
                if (!ContractReader.HasAttribute(method, attribute))
                {
                    continue;
                }

                if (BindLifecycle(method, kind, problems) is { } handler)
                {
                    if (lifecycle.ContainsKey(kind))
                    {
                        problems.Add($"room {name}: more than one [{kind}] method ({lifecycle[kind].Method} and {method.Name})");
                    }
                    else
                    {
                        lifecycle[kind] = handler;
                    }
                }
            }

            if (!ContractReader.HasAttribute(method, KnownNames.OnMessage))
            {
                continue;
            }

            var returns = CheckCommon(method, "OnMessage", problems);
            if (method.Parameters.Length != 2 || !HandlerSignatures.Is(method.Parameters[0].Type, KnownNames.RoomClient))
            {
                problems.Add($"room {name}: [OnMessage] {method.Name} must take (IRoomClient client, TMessage message)");
                continue;
            }

            if (returns is null)
            {
                continue;
            }

            var messageType = method.Parameters[1].Type;
            if (messageType.SpecialType == SpecialType.System_String)
            {
                text = Raw(text, method, returns.Value, "text (string)", name, problems);
            }
            else if (ContractReader.IsBytes(messageType))
            {
                bytes = Raw(bytes, method, returns.Value, "bytes (ReadOnlyMemory<byte>)", name, problems);
            }
            else if (typed.Any(t => SymbolEqualityComparer.Default.Equals(t.Type, messageType)))
            {
                problems.Add($"room {name}: more than one [OnMessage] handler for {messageType.ToDisplayString()}");
            }
            else
            {
                typed.Add((method, returns.Value, messageType));
            }
        }

        var shapes = new ShapeCollector(problems);
        var accepted = typed.Select(t => t.Type).Where(t => shapes.AddMessage(t, $"room {name}: [OnMessage] {Method(typed, t)}") is not null).ToList();
        var sent = ContractReader.Sent(room).Where(t => shapes.AddMessage(t, $"room {name}: [Sends]") is not null).ToList();
        var (acceptedMessages, sentMessages) = ContractReader.Name(accepted, sent, new HashSet<string>());
        problems.AddRange(ContractReader.Collisions(name, acceptedMessages.Concat(sentMessages)));
        var handlers = typed
            .Where(t => accepted.Contains(t.Type, SymbolEqualityComparer.Default))
            .Select(t => new MessageHandler(t.Method.Name, t.Returns, acceptedMessages.First(m => m.TypeKey == TypeNames.Of(t.Type))))
            .OrderBy(h => h.Message!.TypeKey, System.StringComparer.Ordinal)
            .ToEquatableArray();

        return new RoomModel(
            TypeNames.HintName(room, "Room"),
            TypeNames.NamespaceOf(room),
            TypeNames.ContainersOf(room),
            name,
            TypeNames.Of(room),
            roomType,
            !room.IsAbstract && room.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal),
            lifecycle.TryGetValue("OnStart", out var onStart) ? onStart : null,
            lifecycle.TryGetValue("OnAuth", out var onAuth) ? onAuth : null,
            lifecycle.TryGetValue("OnJoin", out var onJoin) ? onJoin : null,
            lifecycle.TryGetValue("OnDrop", out var onDrop) ? onDrop : null,
            lifecycle.TryGetValue("OnReconnect", out var onReconnect) ? onReconnect : null,
            lifecycle.TryGetValue("OnLeave", out var onLeave) ? onLeave : null,
            lifecycle.TryGetValue("OnShutdown", out var onShutdown) ? onShutdown : null,
            handlers,
            text,
            bytes,
            new ContractModel(roomType, acceptedMessages, sentMessages, shapes.Shapes),
            references,
            problems.Distinct().ToEquatableArray());
    }

    private static string Method(List<(IMethodSymbol Method, ReturnKind Returns, ITypeSymbol Type)> typed, ITypeSymbol type) =>
        typed.First(t => SymbolEqualityComparer.Default.Equals(t.Type, type)).Method.Name;

    private static MessageHandler? Raw(MessageHandler? existing, IMethodSymbol method, ReturnKind returns, string kind, string room, List<string> problems)
    {
        if (existing is not null)
        {
            problems.Add($"room {room}: more than one [OnMessage] handler for {kind} ({existing.Method} and {method.Name})");
            return existing;
        }

        return new MessageHandler(method.Name, returns, null);
    }

    private static void CheckDeclaration(INamedTypeSymbol room, List<string> problems)
    {
        if (room.IsGenericType)
        {
            problems.Add($"room {room.Name}: generic room classes are not supported");
        }

        if (room.IsStatic)
        {
            problems.Add($"room {room.Name}: a room class cannot be static");
        }

        for (INamedTypeSymbol? type = room; type is not null; type = type.ContainingType)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    problems.Add(ReferenceEquals(type, room) || SymbolEqualityComparer.Default.Equals(type, room)
                        ? $"room {room.Name}: a [GathoRoom] class must be partial (write 'partial class {room.Name}')"
                        : $"room {room.Name}: its containing type {type.Name} must be partial");
                    return;
                }
            }
        }
    }

    private static LifecycleHandler? BindLifecycle(IMethodSymbol method, string kind, List<string> problems)
    {
        var returns = kind == "OnAuth" ? ValueReturn(method, problems) : CheckCommon(method, kind, problems);
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
        if (!ok)
        {
            var expected = kind switch
            {
                "OnStart" or "OnShutdown" => "()",
                "OnAuth" => "(AuthRequest request)",
                "OnDrop" => "(IRoomClient client, int closeCode) or (IRoomClient client)",
                _ => "(IRoomClient client)",
            };
            problems.Add($"room {method.ContainingType.Name}: [{kind}] {method.Name} must take {expected}");
            return null;
        }

        return new LifecycleHandler(method.Name, returns.Value, parameters.Length);
    }

    private static ReturnKind? ValueReturn(IMethodSymbol method, List<string> problems)
    {
        CheckGenericOrAsyncVoid(method, "OnAuth", problems);
        var returns = HandlerSignatures.ValueReturn(method, KnownNames.AuthResult);
        if (returns is null)
        {
            problems.Add($"room {method.ContainingType.Name}: [OnAuth] {method.Name} must return AuthResult, ValueTask<AuthResult> or Task<AuthResult>");
        }

        return returns;
    }

    private static ReturnKind? CheckCommon(IMethodSymbol method, string kind, List<string> problems)
    {
        if (!CheckGenericOrAsyncVoid(method, kind, problems))
        {
            return null;
        }

        var returns = HandlerSignatures.PlainReturn(method);
        if (returns is null)
        {
            problems.Add($"room {method.ContainingType.Name}: [{kind}] {method.Name} must return void, ValueTask or Task");
        }

        return returns;
    }

    private static bool CheckGenericOrAsyncVoid(IMethodSymbol method, string kind, List<string> problems)
    {
        if (method.IsGenericMethod)
        {
            problems.Add($"room {method.ContainingType.Name}: [{kind}] {method.Name} cannot be generic");
            return false;
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            problems.Add($"room {method.ContainingType.Name}: [{kind}] {method.Name} is async void; return Task or ValueTask so the room awaits it");
            return false;
        }

        return true;
    }
}
