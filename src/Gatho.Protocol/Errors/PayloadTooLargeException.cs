namespace Gatho.Protocol.Errors;

/// <summary>Join data or tags exceed their serialized size limit (gatho: 2048 bytes of data, 512 bytes of tags).</summary>
public sealed class PayloadTooLargeException : GathoException
{
    /// <summary>Creates the error for <paramref name="field"/> serialized to <paramref name="sizeBytes"/> bytes.</summary>
    public PayloadTooLargeException(string field, int sizeBytes, int limitBytes)
        : base("payload-too-large", $"{field} is {sizeBytes} bytes serialized, over the limit of {limitBytes} bytes")
    {
        Field = field;
        SizeBytes = sizeBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>Which payload was too large: <c>data</c> or <c>tags</c>.</summary>
    public string Field { get; }

    /// <summary>UTF-8 size of the serialized payload.</summary>
    public int SizeBytes { get; }

    /// <summary>The inclusive limit that was exceeded.</summary>
    public int LimitBytes { get; }
}
