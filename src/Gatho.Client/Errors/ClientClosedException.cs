using Gatho.Protocol.Errors;

namespace Gatho.Client;

/// <summary>The client closed before the awaited thing happened (e.g. <see cref="GathoClient.ConnectAsync"/> never opened).</summary>
public sealed class ClientClosedException : GathoException
{
    /// <summary>Creates the error from how the client closed; the exception behind the close (<see cref="ClientCloseInfo.Error"/>) becomes the inner exception.</summary>
    public ClientClosedException(ClientCloseInfo info)
        : base("client-closed", Describe(info), info.Error)
    {
        Info = info;
    }

    /// <summary>How the client closed.</summary>
    public ClientCloseInfo Info { get; }

    private static string Describe(ClientCloseInfo info)
    {
        if (info is null)
        {
            throw new ArgumentNullException(nameof(info));
        }

        var advice = info.Cause.Advice();
        return advice.Length == 0 ? $"the client closed: {info}" : $"the client closed: {info}; {advice}";
    }
}

/// <summary>The room sent something this client cannot accept; the client closes with 1002 (or 1009).</summary>
public sealed class ClientProtocolException : GathoException
{
    /// <summary>Creates the error describing what the room sent.</summary>
    public ClientProtocolException(string message)
        : base("protocol-error", message)
    {
    }
}

/// <summary>
/// One message was too large to send: larger than the room's message limit (<see cref="GathoClientOptions.MaxSendMessageBytes"/>)
/// or, for a reliable message, than the whole outbound buffer (<see cref="GathoClientOptions.MaxBufferedBytes"/>). It was
/// not sent or buffered; the session carries on.
/// </summary>
public sealed class OutgoingMessageTooLargeException : GathoException
{
    /// <summary>Creates the error naming the message's size and the limit it broke.</summary>
    public OutgoingMessageTooLargeException(long size, long limit, string limitName)
        : base("message-too-large", $"a {size}-byte message (wire bytes) is larger than {limitName} ({limit} bytes); it was not sent, and the session carries on")
    {
        Size = size;
        Limit = limit;
        LimitName = limitName;
    }

    /// <summary>The message's size in wire bytes (frame type byte + payload).</summary>
    public long Size { get; }

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }

    /// <summary>Which limit: <c>GathoClientOptions.MaxSendMessageBytes</c> or <c>GathoClientOptions.MaxBufferedBytes</c>.</summary>
    public string LimitName { get; }
}
