namespace Gatho.Typed;

/// <summary>
/// A room's typed-message contract, generated for every <c>[GathoRoom]</c> class: encodes and decodes its messages as
/// <c>[id, body]</c> MessagePack payloads. Object-based for tools and tests (<c>Gatho.Room.Testing</c>); generated room
/// and client code calls the typed members of the room's <c>GathoContract</c> class instead, with no boxing.
/// </summary>
public interface IMessageContract
{
    /// <summary>The room type, as in <c>[GathoRoom("…")]</c>.</summary>
    string RoomType { get; }

    /// <summary>The id of <paramref name="messageType"/>, or null when the type is not in the contract.</summary>
    uint? IdOf(Type messageType);

    /// <summary>Encodes a message of the contract (accepted or sent) as a <c>[id, body]</c> payload.</summary>
    /// <exception cref="ArgumentException">The message's type is not in the contract.</exception>
    byte[] Encode(object message);

    /// <summary>Decodes a <c>[id, body]</c> payload into its message object.</summary>
    /// <exception cref="InvalidMessageException">Not an envelope, an unknown id, or an undecodable body.</exception>
    object Decode(ReadOnlyMemory<byte> payload);
}

/// <summary>Implemented by generated rooms: the room's message contract.</summary>
public interface ITypedRoom : IRoomBehavior
{
    /// <summary>The contract the room's clients speak.</summary>
    IMessageContract Contract { get; }
}
