using Gatho.Analyzers.Reporting;
using Gatho.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Gatho.Analyzers.Messages;

/// <summary>GATHO1101–1199: message contracts (handlers, ids, what the formatter can write).</summary>
internal static class MessageRules
{
    public static readonly DiagnosticDescriptor DuplicateHandler = Rule.Error(
        ProblemIds.DuplicateMessageHandler,
        Categories.Messages,
        "Two [OnMessage] handlers take one message type",
        "'{2}' and '{1}' both handle {0}: a room has one [OnMessage] handler per message; merge '{2}' into '{1}'",
        "Dispatch goes from the message id to one handler.");

    public static readonly DiagnosticDescriptor IdCollision = Rule.Error(
        ProblemIds.MessageIdCollision,
        Categories.Messages,
        "Two message types of one room have the same id",
        "Message types '{0}' and '{1}' of room '{3}' have the same id {2}: give one of them another id with [GathoMessage(Id = …)]",
        "A typed message is sent as [id, body]; two types with one id in a contract cannot be told apart (DESIGN D11).");

    public static readonly DiagnosticDescriptor ExplicitIdReuse = Rule.Warning(
        ProblemIds.ExplicitIdReuse,
        Categories.Messages,
        "Two message types set the same explicit id",
        "Message type '{0}' sets id {1}, which '{2}' sets too: give each message type its own [GathoMessage(Id = …)]",
        "Explicit ids are chosen by hand; one id on two types is a copy-paste slip, and an error (GATHO1102) as soon as one room uses both.");

    public static readonly DiagnosticDescriptor UnserializableMember = Rule.Error(
        ProblemIds.UnserializableMember,
        Categories.Messages,
        "A message member has a type the formatter cannot write",
        "Member '{0}' holds {1}, which the message formatter cannot write (reached from {2}): {3}",
        "The generated MessagePack code writes a fixed set of member types (docs/authoring.md, 'Messages').");

    public static readonly DiagnosticDescriptor NotAMessageType = Rule.Error(
        ProblemIds.NotAMessageType,
        Categories.Messages,
        "An [OnMessage] handler takes a type that cannot be a message",
        "'{1}' takes {0}, which cannot be a message type: use a record, class or struct (concrete, not abstract or an interface), or string/ReadOnlyMemory<byte> for raw messages",
        "A message is an object written as an array of its members; scalars, arrays, interfaces and abstract types are not.");

    public static readonly DiagnosticDescriptor GenericMessageType = Rule.Error(
        ProblemIds.GenericMessageType,
        Categories.Messages,
        "Generic message types are not supported",
        "{0} (used by {1}) is generic: message types cannot be generic yet; declare a non-generic record for it",
        "Message ids are computed from a type's name without type arguments, so generic message types are not supported yet.");

    public static readonly DiagnosticDescriptor InaccessibleMessageType = Rule.Error(
        ProblemIds.InaccessibleMessageType,
        Categories.Messages,
        "A message type is less accessible than its room",
        "Message type '{0}' is {1}, less accessible than the generated members of room '{2}' that take it: make '{0}' {3}",
        "The room's generated send helpers and contract formatters have the room's accessibility and take the message types (and the types reachable from them), so those must be at least as accessible as the room, and never private or protected.");

    public static readonly DiagnosticDescriptor NoConstructor = Rule.Error(
        ProblemIds.NoMessageConstructor,
        Categories.Messages,
        "A message type has no constructor the formatter can use",
        "Message type '{0}' needs a public parameterless constructor, or one whose parameters are all its properties (a positional record)",
        "Reading a message creates it with a constructor whose parameters are its properties, or with a parameterless one and then its settable properties.");

    public static readonly DiagnosticDescriptor PublicField = Rule.Error(
        ProblemIds.PublicFieldInMessage,
        Categories.Messages,
        "A message type has a public field",
        "'{0}' is a public field of type {1}: messages carry properties only; make it a property ({{ get; set; }})",
        "Only properties are message members; a public field would silently stay off the wire.");

    public static readonly DiagnosticDescriptor SentTypeNotSerializable = Rule.Error(
        ProblemIds.SentTypeNotSerializable,
        Categories.Messages,
        "[Sends] names a type that cannot be a message",
        "Room '{1}' sends {0}, which cannot be a message type: name a record, class or struct in [Sends(typeof(…))]",
        "A sent message is an object written as an array of its members; scalars, arrays, interfaces and abstract types are not.");

    public static readonly DiagnosticDescriptor UnusedMessage = Rule.Info(
        ProblemIds.UnusedMessageType,
        Categories.Messages,
        "A message type is neither handled nor sent by any room",
        "Message type '{0}' is neither handled ([OnMessage]) nor sent ([Sends]) by any room of this project: add it to a room's contract or remove [GathoMessage]",
        "A [GathoMessage] type no room uses is probably a handler or [Sends] entry that was forgotten.");

    /// <summary>The rules <see cref="RoomParser"/> reports (the others need the whole compilation).</summary>
    public static readonly DiagnosticDescriptor[] FromParser =
    {
        DuplicateHandler, IdCollision, UnserializableMember, NotAMessageType, GenericMessageType, InaccessibleMessageType, NoConstructor, PublicField, SentTypeNotSerializable,
    };
}
