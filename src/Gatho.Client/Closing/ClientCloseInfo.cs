namespace Gatho.Client;

/// <summary>How a client closed for good (the argument of <see cref="GathoClient.Closed"/>).</summary>
/// <param name="Code">The WebSocket close code, received or client-local (1006 exhausted, 1009 overflow…).</param>
/// <param name="Reason">The close reason text, e.g. <c>consented leave</c>.</param>
/// <param name="Cause">Why, in gatho's terms.</param>
public sealed record ClientCloseInfo(int Code, string Reason, CloseCause Cause)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code} \"{Reason}\" ({Cause.ToWireName()})";
}

/// <summary>A connection that dropped while open (the argument of <see cref="GathoClient.Dropped"/>); the client resumes next.</summary>
/// <param name="Code">The close code the socket ended with (1006 when it died without a close frame).</param>
/// <param name="Reason">The close reason, often empty.</param>
public sealed record ClientDrop(int Code, string Reason);
