namespace Gatho.Client;

/// <summary>How a client closed for good (the argument of <see cref="GathoClient.Closed"/>).</summary>
/// <param name="Code">The WebSocket close code, received or client-local (1006 exhausted or unreachable, 1009 overflow…).</param>
/// <param name="Reason">The close reason text, e.g. <c>consented leave</c>, or what failed (<c>the room at … refused the seat (HTTP 401): Expired: …</c>).</param>
/// <param name="Cause">Why, in gatho's terms plus this client's finer causes.</param>
public sealed record ClientCloseInfo(int Code, string Reason, CloseCause Cause)
{
    /// <summary>The HTTP status of a refused upgrade (401, 400, 503, 404…), when that is how the client closed.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The exception behind the close (a <see cref="RoomConnectException"/>, a socket error…), if any. Not part of equality.</summary>
    public Exception? Error { get; init; }

    /// <summary>Equal when code, reason, cause and HTTP status are (the exception is a detail, not the outcome).</summary>
    public bool Equals(ClientCloseInfo? other) =>
        other is not null && Code == other.Code && Reason == other.Reason && Cause == other.Cause && HttpStatus == other.HttpStatus;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Reason, Cause, HttpStatus);

    /// <inheritdoc />
    public override string ToString() => $"{Code} \"{Reason}\" ({Cause.ToWireName()})";
}

/// <summary>A connection that dropped while open (the argument of <see cref="GathoClient.Dropped"/>); the client resumes next.</summary>
/// <param name="Code">The close code the socket ended with (1006 when it died without a close frame).</param>
/// <param name="Reason">The close reason, often empty.</param>
public sealed record ClientDrop(int Code, string Reason)
{
    /// <summary>The socket error behind the drop (reset, timeout…), if any: an ordinary drop is reported here, not through <see cref="GathoClient.Error"/>.</summary>
    public Exception? Error { get; init; }
}
