using Gatho.Protocol.Errors;

namespace Gatho.Client.Transport;

/// <summary>A message from the room was larger than <see cref="GathoClientOptions.MaxMessageBytes"/>.</summary>
public sealed class MessageTooLargeException : GathoException
{
    /// <summary>Creates the error naming the limit.</summary>
    public MessageTooLargeException(int limit)
        : base("message-too-large", $"a message from the room exceeded the {limit}-byte limit")
    {
        Limit = limit;
    }

    /// <summary>The limit in bytes.</summary>
    public int Limit { get; }
}
