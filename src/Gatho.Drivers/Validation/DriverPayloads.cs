using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Gatho.Protocol.Errors;
using Gatho.Protocol.Tags;

namespace Gatho.Drivers.Validation;

/// <summary>
/// Validates and normalizes the JSON data and tag sets drivers store, so every driver stores the same compact text
/// and rejects the same payloads with the same exception.
/// </summary>
public static class DriverPayloads
{
    /// <summary>
    /// Parses <paramref name="json"/> (null or empty means <c>{}</c>), requires a JSON object, and returns it as compact
    /// text, written by <see cref="Utf8JsonWriter"/> with default escaping (non-ASCII as <c>\uXXXX</c>) — the same form
    /// <c>SeatTokenIssuer</c> signs, so the size checked here is the size the token carries. Throws <see cref="ArgumentException"/> when it is not a JSON object and
    /// <see cref="PayloadTooLargeException"/> (field <c>data</c>) when the compact text is over
    /// <paramref name="limitBytes"/> UTF-8 bytes.
    /// </summary>
    public static string JsonObject(string? json, int limitBytes, string parameterName)
    {
        if (string.IsNullOrEmpty(json))
        {
            return "{}";
        }

        string compact;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"{parameterName} must be a JSON object, got a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}: {Excerpt(json)}", parameterName);
            }

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                document.RootElement.WriteTo(writer);
            }

            compact = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{parameterName} is not valid JSON ({e.Message}): {Excerpt(json)}", parameterName, e);
        }

        var size = Encoding.UTF8.GetByteCount(compact);
        if (size > limitBytes)
        {
            throw new PayloadTooLargeException("data", size, limitBytes);
        }

        return compact;
    }

    /// <summary>
    /// Checks every key and value against the tag rules (<see cref="InvalidTagException"/>) and the serialized size
    /// against <paramref name="limitBytes"/> (<see cref="PayloadTooLargeException"/>, field <c>tags</c>); returns an
    /// immutable copy (null means none).
    /// </summary>
    public static ImmutableDictionary<string, string> TagSet(IReadOnlyDictionary<string, string>? tags, int limitBytes)
    {
        if (tags is null || tags.Count == 0)
        {
            return ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);
        }

        TagRules.Validate(tags);
        var copy = tags.ToImmutableDictionary(StringComparer.Ordinal);
        RequireTagsWithin(copy, limitBytes);
        return copy;
    }

    /// <summary>Throws <see cref="PayloadTooLargeException"/> (field <c>tags</c>) when <paramref name="tags"/> serialize to over <paramref name="limitBytes"/>.</summary>
    public static void RequireTagsWithin(IReadOnlyDictionary<string, string> tags, int limitBytes)
    {
        var size = TagRules.SerializedSize(tags);
        if (size > limitBytes)
        {
            throw new PayloadTooLargeException("tags", size, limitBytes);
        }
    }

    /// <summary>Checks tag keys to remove (<see cref="InvalidTagException"/> names the first bad one); returns a copy.</summary>
    public static IReadOnlyList<string> TagKeys(IEnumerable<string> keys, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(keys, parameterName);
        var copy = keys.ToArray();
        foreach (var key in copy)
        {
            TagRules.ValidateKey(key);
        }

        return copy;
    }

    /// <summary>Checks tags used as a listing filter, so a misspelt key fails loudly instead of silently matching nothing.</summary>
    public static void FilterTags(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is not null)
        {
            TagRules.Validate(tags);
        }
    }

    private static string Excerpt(string json) => json.Length <= 64 ? json : json[..64] + "…";
}
