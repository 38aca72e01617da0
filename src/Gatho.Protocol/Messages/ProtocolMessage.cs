namespace Gatho.Protocol.Messages;

/// <summary>Union index of a protocol message on the wire (packcat declaration order).</summary>
public enum ProtocolMessageKind : byte
{
    /// <summary><c>session{clientId, token}</c>, room → client: the client is in (or back in) the room.</summary>
    Session = 0,

    /// <summary><c>auth_error{error}</c>, room → client: the join or resume was refused; a close follows.</summary>
    AuthError = 1,

    /// <summary><c>leave</c>, client → room: a consented leave; the client closes 4000 next.</summary>
    Leave = 2,

    /// <summary><c>ack{seq}</c>, both directions, protocol v2: highest reliable frame number processed.</summary>
    Ack = 3,
}

/// <summary>A message carried in a <c>0x00</c> frame.</summary>
public abstract record ProtocolMessage
{
    private protected ProtocolMessage()
    {
    }

    /// <summary>The message's union index.</summary>
    public abstract ProtocolMessageKind Kind { get; }
}

/// <summary>Tells the client its id and the session token it presents to resume.</summary>
/// <param name="ClientId">The client's id in the room (stable across resumes).</param>
/// <param name="Token">The session token; rotated on every resume.</param>
public sealed record SessionMessage(string ClientId, string Token) : ProtocolMessage
{
    /// <inheritdoc />
    public override ProtocolMessageKind Kind => ProtocolMessageKind.Session;
}

/// <summary>Why a join or resume was refused (the room closes the socket right after).</summary>
/// <param name="Error">A human-readable reason, e.g. <c>seat already in use</c>.</param>
public sealed record AuthErrorMessage(string Error) : ProtocolMessage
{
    /// <inheritdoc />
    public override ProtocolMessageKind Kind => ProtocolMessageKind.AuthError;
}

/// <summary>The client leaves on purpose; the room runs <c>OnLeave</c> and never holds its seat.</summary>
public sealed record LeaveMessage : ProtocolMessage
{
    /// <summary>The one instance (the message has no fields).</summary>
    public static LeaveMessage Instance { get; } = new();

    /// <inheritdoc />
    public override ProtocolMessageKind Kind => ProtocolMessageKind.Leave;
}

/// <summary>Protocol v2: the sender has processed every reliable frame up to and including <paramref name="Seq"/>.</summary>
/// <param name="Seq">Highest reliable frame number processed; frames are numbered from 1 per direction.</param>
public sealed record AckMessage(uint Seq) : ProtocolMessage
{
    /// <inheritdoc />
    public override ProtocolMessageKind Kind => ProtocolMessageKind.Ack;
}
