using Gatho.Analyzers.Reporting;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Gatho.Analyzers.Rooms;

/// <summary>GATHO1001–1099: room declarations and handler signatures.</summary>
internal static class RoomRules
{
    public static readonly DiagnosticDescriptor NotPartial = Rule.Error(
        ProblemIds.RoomNotPartial,
        Categories.Rooms,
        "A [GathoRoom] class must be partial",
        "Room '{0}' must be partial: write 'partial class {0}' so the generator can add its glue, dispatch and send helpers",
        "The generator adds the room's IRoomBehavior implementation, typed dispatch and contract in a second partial declaration.");

    public static readonly DiagnosticDescriptor ContainerNotPartial = Rule.Error(
        ProblemIds.RoomContainerNotPartial,
        Categories.Rooms,
        "A type containing a [GathoRoom] class must be partial",
        "Type '{0}' contains room '{1}' and must be partial: write 'partial' on '{0}' too",
        "The generated room code repeats the room's containing types as partial declarations.");

    public static readonly DiagnosticDescriptor Generic = Rule.Error(
        ProblemIds.GenericRoom,
        Categories.Rooms,
        "A room class cannot be generic",
        "Room '{0}' is generic: the server creates rooms by room type, with no type arguments; remove the type parameters (make a non-generic room per variant)",
        "A room is started from its room type alone, so there is nothing to fill a type parameter with.");

    public static readonly DiagnosticDescriptor Static = Rule.Error(
        ProblemIds.StaticRoom,
        Categories.Rooms,
        "A room class cannot be static",
        "Room '{0}' is static: each room is an instance (one per running room); remove 'static'",
        "The runtime creates one instance of the room class per room.");

    public static readonly DiagnosticDescriptor InvalidRoomType = Rule.Error(
        ProblemIds.InvalidRoomType,
        Categories.Rooms,
        "The room type name is invalid",
        "Room '{0}' has room type {1}, which is invalid ({2}): write a short non-empty name such as [GathoRoom(\"lobby\")]",
        "The room type is how servers, drivers and clients name the kind of room: a non-empty name of at most 128 characters.");

    public static readonly DiagnosticDescriptor DuplicateRoomType = Rule.Error(
        ProblemIds.DuplicateRoomType,
        Categories.Rooms,
        "Two rooms have the same room type",
        "Room '{0}' has room type \"{1}\", which room '{2}' has too: give each room class its own room type",
        "A server registers one room class per room type; two classes with one type cannot both be started.");

    public static readonly DiagnosticDescriptor DuplicateLifecycle = Rule.Error(
        ProblemIds.DuplicateLifecycleHandler,
        Categories.Rooms,
        "Two methods of one room have the same lifecycle attribute",
        "[{0}] is on both '{2}' and '{3}' of room '{1}': a room has one [{0}] method; merge '{3}' into '{2}'",
        "Each lifecycle attribute binds one IRoomBehavior callback.");

    public static readonly DiagnosticDescriptor HandlerParameters = Rule.Error(
        ProblemIds.HandlerParameters,
        Categories.Rooms,
        "A room handler has the wrong parameters",
        "[{0}] method '{1}' must take {2}",
        "Each attribute binds a callback with fixed parameters (docs/authoring.md lists them).");

    public static readonly DiagnosticDescriptor HandlerReturnType = Rule.Error(
        ProblemIds.HandlerReturnType,
        Categories.Rooms,
        "A room handler has the wrong return type",
        "[{0}] method '{1}' returns {3}; it must return {2}",
        "The room awaits a handler's ValueTask or Task before the next event; other return types cannot be bound.");

    public static readonly DiagnosticDescriptor AsyncVoid = Rule.Error(
        ProblemIds.AsyncVoidHandler,
        Categories.Rooms,
        "A room handler cannot be async void",
        "[{0}] method '{1}' is async void: return Task or ValueTask so the room awaits it before the next event",
        "An async void handler runs on after its first await while the room processes the next event, and its exceptions crash the process.");

    public static readonly DiagnosticDescriptor GenericHandler = Rule.Error(
        ProblemIds.GenericHandler,
        Categories.Rooms,
        "A room handler cannot be generic",
        "[{0}] method '{1}' has type parameters: remove them (an [OnMessage] handler names its message type as its second parameter)",
        "The generated dispatch calls each handler with concrete types.");

    public static readonly DiagnosticDescriptor HandlerOutsideRoom = Rule.Error(
        ProblemIds.HandlerOutsideRoom,
        Categories.Rooms,
        "A room handler attribute is outside a [GathoRoom] class",
        "[{0}] on '{1}' is never called: '{2}' is not a [GathoRoom] class; move the method into the room class or mark '{2}' with [GathoRoom(\"…\")]",
        "Only methods declared in a [GathoRoom] class are bound (not those of a base class or any other type).");

    /// <summary>The rules <see cref="RoomParser"/> reports (the others need the whole compilation).</summary>
    public static readonly DiagnosticDescriptor[] FromParser =
    {
        NotPartial, ContainerNotPartial, Generic, Static, InvalidRoomType, DuplicateLifecycle, HandlerParameters, HandlerReturnType, AsyncVoid, GenericHandler,
    };
}
