using System.Collections.Immutable;
using System.Linq;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Gatho.Analyzers.RoomThread;

/// <summary>
/// The types the room-thread rules recognise, resolved once per compilation. Null when the compilation does not
/// reference Gatho (nothing runs on a room thread there).
/// </summary>
internal sealed class RoomThreadSymbols
{
    private const string RoomCallbacksName = "Gatho.RoomCallbacks";
    private const string RoomName = "Gatho.IRoom";

    private static readonly ImmutableArray<string> LifecycleAttributeNames = ImmutableArray.Create(
        KnownNames.OnStart, KnownNames.OnAuth, KnownNames.OnJoin, KnownNames.OnMessage, KnownNames.OnDrop, KnownNames.OnReconnect, KnownNames.OnLeave, KnownNames.OnShutdown);

    private readonly ImmutableArray<INamedTypeSymbol> lifecycleAttributes;
    private readonly ImmutableArray<INamedTypeSymbol> taskTypes;
    private readonly ImmutableArray<INamedTypeSymbol> awaitableTypes;

    private RoomThreadSymbols(Compilation compilation, INamedTypeSymbol roomAttribute, INamedTypeSymbol roomCallbacks, INamedTypeSymbol? room, INamedTypeSymbol? behavior)
    {
        RoomAttribute = roomAttribute;
        RoomCallbacks = roomCallbacks;
        Room = room;
        RoomBehavior = behavior;
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        lifecycleAttributes = Resolve(compilation, LifecycleAttributeNames);
        taskTypes = Resolve(compilation, ImmutableArray.Create(
            "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask`1"));
        awaitableTypes = taskTypes.AddRange(Resolve(compilation, ImmutableArray.Create(
            "System.Runtime.CompilerServices.ConfiguredTaskAwaitable",
            "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1",
            "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable",
            "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1")));
    }

    public INamedTypeSymbol RoomAttribute { get; }

    public INamedTypeSymbol RoomCallbacks { get; }

    public INamedTypeSymbol? Room { get; }

    public INamedTypeSymbol? RoomBehavior { get; }

    public INamedTypeSymbol? Thread { get; }

    public static RoomThreadSymbols? From(Compilation compilation)
    {
        var attribute = compilation.GetTypeByMetadataName(KnownNames.GathoRoomAttribute);
        var callbacks = compilation.GetTypeByMetadataName(RoomCallbacksName);
        return attribute is null || callbacks is null
            ? null
            : new RoomThreadSymbols(compilation, attribute, callbacks, compilation.GetTypeByMetadataName(RoomName), compilation.GetTypeByMetadataName(KnownNames.RoomBehavior));
    }

    /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
    public bool IsTask(ITypeSymbol? type) => type is INamedTypeSymbol named && Contains(taskTypes, named.OriginalDefinition);

    /// <summary>A task or what its <c>ConfigureAwait</c> returns: the receivers of a <c>GetAwaiter()</c> that waits for a task.</summary>
    public bool IsTaskAwaitable(ITypeSymbol? type) => type is INamedTypeSymbol named && Contains(awaitableTypes, named.OriginalDefinition);

    /// <summary>The lifecycle or message attribute of <paramref name="method"/> when its class is a <c>[GathoRoom]</c>.</summary>
    public bool IsRoomHandler(IMethodSymbol method)
    {
        if (method.ContainingType is not { } type || !HasAttribute(type, RoomAttribute))
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && Contains(lifecycleAttributes, attributeClass))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="method"/> implements a member of <c>IRoomBehavior</c> (a hand-written room).</summary>
    public bool ImplementsRoomBehavior(IMethodSymbol method)
    {
        if (RoomBehavior is null || method.ContainingType is not { } type || !type.AllInterfaces.Contains(RoomBehavior, SymbolEqualityComparer.Default))
        {
            return false;
        }

        foreach (var member in RoomBehavior.GetMembers())
        {
            if (type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation)
            {
                for (IMethodSymbol? candidate = method; candidate is not null; candidate = candidate.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(candidate, implementation))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>A settable callback member of <c>RoomCallbacks</c> (<c>OnJoin</c>, <c>OnJoinAsync</c>…).</summary>
    public bool IsCallbackSlot(IPropertySymbol property) =>
        SymbolEqualityComparer.Default.Equals(property.ContainingType, RoomCallbacks) && property.Type.TypeKind == TypeKind.Delegate;

    /// <summary><c>IRoom.Schedule</c>, <c>ScheduleRepeating</c> or <c>Post</c>: their callbacks run on the room thread.</summary>
    public bool IsRoomThreadScheduler(IMethodSymbol method) =>
        method.Name is "Schedule" or "ScheduleRepeating" or "Post" && SymbolEqualityComparer.Default.Equals(method.ContainingType, Room);

    /// <summary>The asynchronous counterpart of a synchronous <c>RoomCallbacks</c> member (<c>OnDrop</c> → <c>OnDropAsync</c>).</summary>
    public IPropertySymbol? AsyncCounterpart(IPropertySymbol slot) =>
        slot.Name.EndsWith("Async", System.StringComparison.Ordinal)
            ? null
            : RoomCallbacks.GetMembers(slot.Name + "Async").OfType<IPropertySymbol>().FirstOrDefault();

    /// <summary>True when the object initializer holding <paramref name="assignment"/> also sets <paramref name="member"/>.</summary>
    public static bool AlsoAssigned(ISimpleAssignmentOperation assignment, IPropertySymbol member)
    {
        if (assignment.Parent is not IObjectOrCollectionInitializerOperation initializer)
        {
            return false;
        }

        foreach (var other in initializer.Initializers)
        {
            if (other is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target }
                && SymbolEqualityComparer.Default.Equals(target.Property, member))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAttribute(INamedTypeSymbol type, INamedTypeSymbol attribute)
    {
        foreach (var data in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(ImmutableArray<INamedTypeSymbol> types, INamedTypeSymbol type)
    {
        foreach (var candidate in types)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, type))
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableArray<INamedTypeSymbol> Resolve(Compilation compilation, ImmutableArray<string> names)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>(names.Length);
        foreach (var name in names)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                builder.Add(type);
            }
        }

        return builder.ToImmutable();
    }
}
