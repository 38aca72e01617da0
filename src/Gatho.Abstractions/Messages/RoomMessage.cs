namespace Gatho;

/// <summary>
/// A user message from a client: text (frame <c>0x01</c>/<c>0x03</c>) or bytes (<c>0x02</c>/<c>0x04</c>). Text versus
/// bytes is carried end to end by the frame type, as gatho.
/// </summary>
public readonly struct RoomMessage
{
    private RoomMessage(string? text, ReadOnlyMemory<byte> data, bool isReliable)
    {
        Text = text;
        Data = data;
        IsReliable = isReliable;
    }

    /// <summary>True for a text message; <see cref="Text"/> is then non-null.</summary>
    public bool IsText => Text is not null;

    /// <summary>The text, or null for a binary message.</summary>
    public string? Text { get; }

    /// <summary>The bytes of a binary message (empty for text). The room owns this memory.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>False for protocol v2 unreliable messages.</summary>
    public bool IsReliable { get; }

    /// <summary>A text message.</summary>
    public static RoomMessage FromText(string text, bool reliable = true) => new(text ?? throw new ArgumentNullException(nameof(text)), default, reliable);

    /// <summary>A binary message.</summary>
    public static RoomMessage FromBytes(ReadOnlyMemory<byte> data, bool reliable = true) => new(null, data, reliable);

    /// <inheritdoc />
    public override string ToString() => IsText ? Text! : $"<{Data.Length} bytes>";
}
