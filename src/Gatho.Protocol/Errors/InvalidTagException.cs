namespace Gatho.Protocol.Errors;

/// <summary>A tag key or value breaks the tag rules (see <see cref="Tags.TagRules"/>).</summary>
public sealed class InvalidTagException : GathoException
{
    /// <summary>Creates the error; <paramref name="detail"/> names the offending key or value.</summary>
    public InvalidTagException(string detail)
        : base("invalid-tag", detail)
    {
        Detail = detail;
    }

    /// <summary>What was wrong, naming the offending key or value.</summary>
    public string Detail { get; }
}
