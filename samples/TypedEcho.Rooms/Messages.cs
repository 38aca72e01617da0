namespace TypedEcho;

/// <summary>How loud a <see cref="Shout"/> is: an enum member on the wire.</summary>
public enum Volume
{
    /// <summary>Quiet.</summary>
    Whisper,

    /// <summary>Loud.</summary>
    Shout,
}

/// <summary>Where a shout came from: a nested record inside a message.</summary>
/// <param name="Name">A display name.</param>
/// <param name="Tags">Free-form tags (a list member).</param>
public sealed record Speaker(string Name, List<string> Tags);

/// <summary>Client → room: a numbered line of text.</summary>
/// <param name="Seq">The client's sequence number, echoed back.</param>
/// <param name="Text">The text.</param>
/// <param name="Volume">How loud.</param>
/// <param name="From">Who is speaking, if anyone says.</param>
public sealed record Shout(int Seq, string Text, Volume Volume, Speaker? From);

/// <summary>Room → client: the answer to one <see cref="Shout"/>.</summary>
/// <param name="Seq">The shout's sequence number.</param>
/// <param name="Text">The shout's text, upper-cased when it was shouted.</param>
/// <param name="ClientId">The id the room knows the sender by.</param>
/// <param name="Heard">How many shouts the room has heard from everyone so far.</param>
public sealed record Echoed(int Seq, string Text, string ClientId, long Heard);
