namespace Gatho.Client;

/// <summary>
/// A message from the room: text (frame <c>0x01</c>/<c>0x03</c>) or bytes (<c>0x02</c>/<c>0x04</c>). Decoded before it
/// reaches your thread; <see cref="Data"/> is a fresh copy you may keep.
/// </summary>
public readonly struct ClientMessage
{
    internal ClientMessage(string? text, ReadOnlyMemory<byte> data, bool isReliable)
    {
        Text = text;
        Data = data;
        IsReliable = isReliable;
    }

    /// <summary>True for a text message; <see cref="Text"/> is then non-null.</summary>
    public bool IsText => Text is not null;

    /// <summary>The text, or null for a binary message.</summary>
    public string? Text { get; }

    /// <summary>The bytes of a binary message (empty for text). Yours to keep.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>False for protocol v2 unreliable messages (never numbered, never replayed).</summary>
    public bool IsReliable { get; }

    /// <inheritdoc />
    public override string ToString() => IsText ? Text! : $"<{Data.Length} bytes>";
}
