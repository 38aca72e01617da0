using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatho.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Gatho.Generators.Parsing;

/// <summary>
/// Turns one <c>[GathoRoom]</c> class into a <see cref="RoomModel"/>. Every shape it cannot bind becomes a
/// <see cref="Problem"/> at the offending syntax (DESIGN D11: never a silent skip): the generator emits nothing for
/// the room and the analyzers (GATHOnnnn) report each problem where it is.
/// </summary>
internal static class RoomParser
{
    /// <summary>Longest room type the drivers store (DriverLimits.MaxIdLength).</summary>
    public const int MaxRoomTypeLength = 128;

    public static readonly (string Attribute, string Kind)[] Lifecycle =
    {
        (KnownNames.OnStart, "OnStart"), (KnownNames.OnAuth, "OnAuth"), (KnownNames.OnJoin, "OnJoin"), (KnownNames.OnDrop, "OnDrop"),
        (KnownNames.OnReconnect, "OnReconnect"), (KnownNames.OnLeave, "OnLeave"), (KnownNames.OnShutdown, "OnShutdown"),
    };

    public static RoomModel Parse(INamedTypeSymbol room, References references, CancellationToken cancellationToken)
    {
        var problems = new ProblemList();
        var name = room.Name;
        var roomType = ContractReader.RoomTypeOf(room);
        CheckRoomType(room, roomType, problems, cancellationToken);
        roomType ??= string.Empty;

        CheckDeclaration(room, problems, cancellationToken);
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

                if (HandlerBinder.Lifecycle(method, kind, problems, cancellationToken) is { } handler)
                {
                    if (lifecycle.TryGetValue(kind, out var first))
                    {
                        problems.Add(ProblemIds.DuplicateLifecycleHandler, ProblemList.SourceOf(method), kind, name, first.Method, method.Name);
                    }
                    else
                    {
                        lifecycle[kind] = handler;
                    }
                }
            }

            if (!ContractReader.HasAttribute(method, KnownNames.OnMessage) || HandlerBinder.Message(method, problems, cancellationToken) is not { } returns)
            {
                continue;
            }

            var messageType = method.Parameters[1].Type;
            if (messageType.SpecialType == SpecialType.System_String)
            {
                text = Raw(text, method, returns, "raw text (string)", problems);
            }
            else if (ContractReader.IsBytes(messageType))
            {
                bytes = Raw(bytes, method, returns, "raw bytes (ReadOnlyMemory<byte>)", problems);
            }
            else if (typed.FirstOrDefault(t => SymbolEqualityComparer.Default.Equals(t.Type, messageType)) is { Method: not null } existing)
            {
                problems.Add(ProblemIds.DuplicateMessageHandler, ProblemList.SourceOf(method), messageType.ToDisplayString(), existing.Method.Name, method.Name);
            }
            else
            {
                typed.Add((method, returns, messageType));
            }
        }

        var shapes = new ShapeCollector(problems, room, cancellationToken);
        var accepted = typed
            .Where(t => shapes.AddMessage(t.Type, new Usage($"the [OnMessage] handler {name}.{t.Method.Name}", Sites.ParameterType(t.Method, 1, cancellationToken)), ProblemIds.NotAMessageType, $"{name}.{t.Method.Name}") is not null)
            .Select(t => t.Type)
            .ToList();
        var sent = ContractReader.SentWithSites(room, cancellationToken)
            .Where(s => shapes.AddMessage(s.Type, new Usage($"[Sends] of {name}", s.At), ProblemIds.SentTypeNotSerializable, name) is not null)
            .Select(s => s.Type)
            .ToList();
        var (acceptedMessages, sentMessages) = ContractReader.Name(accepted, sent, new HashSet<string>());
        ContractReader.Collisions(room, accepted.Concat(sent), problems, cancellationToken);
        var handlers = typed
            .Where(t => accepted.Contains(t.Type, SymbolEqualityComparer.Default))
            .Select(t => (t.Method, t.Returns, Key: TypeNames.Of(t.Type)))
            .Select(t => new MessageHandler(t.Method.Name, t.Returns, acceptedMessages.First(m => m.TypeKey == t.Key)))
            .OrderBy(h => h.Message!.TypeKey, System.StringComparer.Ordinal)
            .ToEquatableArray();

        return new RoomModel(
            TypeNames.HintName(room, "Room"),
            TypeNames.NamespaceOf(room),
            TypeNames.ContainersOf(room),
            TypeNames.KeywordOf(room),
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
            problems.ToEquatableArray());
    }

    private static MessageHandler? Raw(MessageHandler? existing, IMethodSymbol method, ReturnKind returns, string kind, ProblemList problems)
    {
        if (existing is not null)
        {
            problems.Add(ProblemIds.DuplicateMessageHandler, ProblemList.SourceOf(method), kind, existing.Method, method.Name);
            return existing;
        }

        return new MessageHandler(method.Name, returns, null);
    }

    private static void CheckRoomType(INamedTypeSymbol room, string? roomType, ProblemList problems, CancellationToken cancellationToken)
    {
        var reason = string.IsNullOrWhiteSpace(roomType) ? "it is empty"
            : roomType!.Length > MaxRoomTypeLength ? $"it is {roomType.Length} characters long, the most is {MaxRoomTypeLength}"
            : null;
        if (reason is not null)
        {
            var attribute = room.GetAttributes().FirstOrDefault(a => TypeNames.IsNamed(a.AttributeClass, KnownNames.GathoRoomAttribute));
            var written = roomType is null ? "null" : "\"" + roomType + "\"";
            problems.Add(ProblemIds.InvalidRoomType, Sites.AttributeArgument(attribute, 0, cancellationToken) ?? ProblemList.SourceOf(room), room.Name, written, reason);
        }
    }

    private static void CheckDeclaration(INamedTypeSymbol room, ProblemList problems, CancellationToken cancellationToken)
    {
        if (room.IsGenericType)
        {
            problems.Add(ProblemIds.GenericRoom, Sites.TypeParameters(room, cancellationToken), room.Name);
        }

        if (room.IsStatic)
        {
            problems.Add(ProblemIds.StaticRoom, Sites.StaticModifier(room, cancellationToken), room.Name);
        }

        for (INamedTypeSymbol? type = room; type is not null; type = type.ContainingType)
        {
            if (Sites.NonPartialDeclaration(type, cancellationToken) is { } declaration)
            {
                if (SymbolEqualityComparer.Default.Equals(type, room))
                {
                    problems.Add(ProblemIds.RoomNotPartial, declaration.Identifier.GetLocation(), room.Name);
                }
                else
                {
                    problems.Add(ProblemIds.RoomContainerNotPartial, declaration.Identifier.GetLocation(), type.Name, room.Name);
                }
            }
        }
    }
}
