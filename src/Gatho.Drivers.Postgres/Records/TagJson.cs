using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Gatho.Protocol.Tags;

namespace Gatho.Drivers.Postgres.Records;

/// <summary>Tag sets to and from the jsonb text the tables hold (string values only, written by the driver itself).</summary>
internal static class TagJson
{
    public static string Serialize(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null || tags.Count == 0)
        {
            return "{}";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            TagRules.WriteJson(writer, tags);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static ImmutableDictionary<string, string> Parse(string json)
    {
        if (json is "{}" or "")
        {
            return ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read(); // start object
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            builder[key] = reader.GetString() ?? string.Empty;
        }

        return builder.ToImmutable();
    }
}
