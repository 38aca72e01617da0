using System.Text.Json;
using Gatho.Protocol.Errors;

namespace Gatho.Protocol.Tags;

/// <summary>
/// Rules shared by room, server and client tags, as gatho: keys and values match <c>^[a-zA-Z0-9_-]+$</c>,
/// and keys starting with <c>_</c> are reserved for Gatho itself.
/// </summary>
public static class TagRules
{
    /// <summary>Throws <see cref="InvalidTagException"/> naming the first key or value that breaks the rules.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="tags"/> is null.</exception>
    public static void Validate(IReadOnlyDictionary<string, string> tags)
    {
        if (tags is null)
        {
            throw new ArgumentNullException(nameof(tags));
        }

        foreach (var pair in tags)
        {
            ValidateKey(pair.Key);
            if (!IsToken(pair.Value))
            {
                throw new InvalidTagException($"invalid tag value \"{pair.Value}\" for key \"{pair.Key}\" — must match ^[a-zA-Z0-9_-]+$");
            }
        }
    }

    /// <summary>Throws <see cref="InvalidTagException"/> when <paramref name="key"/> is not a valid, unreserved tag key.</summary>
    public static void ValidateKey(string key)
    {
        if (!IsToken(key))
        {
            throw new InvalidTagException($"invalid tag key \"{key}\" — must match ^[a-zA-Z0-9_-]+$");
        }

        if (key[0] == '_')
        {
            throw new InvalidTagException($"tag key \"{key}\" is reserved (starts with _)");
        }
    }

    /// <summary>UTF-8 byte length of the tags serialized as a JSON object (the size the limits are checked against).</summary>
    public static int SerializedSize(IReadOnlyDictionary<string, string> tags)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJson(writer, tags);
        }

        return (int)buffer.Length;
    }

    /// <summary>Writes the tags as a JSON object of strings.</summary>
    public static void WriteJson(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> tags)
    {
        writer.WriteStartObject();
        foreach (var pair in tags)
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }

    private static bool IsToken(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var c in value!)
        {
            var ok = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
