namespace Gatho;

/// <summary>
/// Declares the message types a room sends to its clients: <c>[Sends(typeof(BoardChanged))]</c>. The generator emits a
/// typed <c>Send(client, message)</c> and <c>Broadcast(message)</c> for each, and typed clients get an event per type.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SendsAttribute : Attribute
{
    /// <summary>Declares one or more message types the room sends.</summary>
    public SendsAttribute(params Type[] messageTypes)
    {
        MessageTypes = messageTypes ?? Array.Empty<Type>();
    }

    /// <summary>The declared message types.</summary>
    public Type[] MessageTypes { get; }
}

/// <summary>
/// The message types a room accepts. Written by the generator on every <c>[GathoRoom]</c> class (one type per
/// <c>[OnMessage]</c> handler), so a typed client compiled against the room's assembly can read the contract from
/// metadata, where the room's private handlers are not visible. Room code does not write it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AcceptsAttribute : Attribute
{
    /// <summary>Records the accepted message types.</summary>
    public AcceptsAttribute(params Type[] messageTypes)
    {
        MessageTypes = messageTypes ?? Array.Empty<Type>();
    }

    /// <summary>The accepted message types.</summary>
    public Type[] MessageTypes { get; }
}

/// <summary>
/// Options for a message type. By default a message's id is FNV-1a 32-bit over its full metadata name (namespace and
/// name, UTF-8); <c>[GathoMessage(Id = 7)]</c> fixes it, for instance to keep the id when the type is renamed.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class GathoMessageAttribute : Attribute
{
    /// <summary>The message id on the wire (the first element of <c>[id, body]</c>).</summary>
    public uint Id { get; set; }
}

/// <summary>
/// Marks a <c>partial</c> class as the typed client of a room: <c>[GathoClient(typeof(TicTacToeRoom))] public partial
/// class TicTacToeClient;</c>. The generator gives it a constructor from a seat URL, a <c>Send</c> per message the room
/// accepts and an event per message the room sends, over a <c>Gatho.Client.GathoClient</c> it owns.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GathoClientAttribute : Attribute
{
    /// <summary>Binds the client to <paramref name="roomType"/>, a <c>[GathoRoom]</c> class.</summary>
    public GathoClientAttribute(Type roomType)
    {
        RoomType = roomType;
    }

    /// <summary>The <c>[GathoRoom]</c> class whose contract the client speaks.</summary>
    public Type RoomType { get; }
}
