using System.Text.Json;

namespace Gatho;

/// <summary>A client asking to join: its id, join data and tags from the seat token.</summary>
public sealed class AuthRequest
{
    private JsonElement? joinData;

    /// <summary>Creates a request (the runtime and test hosts do this).</summary>
    public AuthRequest(string clientId, string joinDataJson, IReadOnlyDictionary<string, string> tags)
    {
        ClientId = clientId ?? throw new ArgumentNullException(nameof(clientId));
        JoinDataJson = string.IsNullOrEmpty(joinDataJson) ? "{}" : joinDataJson;
        Tags = tags ?? throw new ArgumentNullException(nameof(tags));
    }

    /// <summary>The id the client will have in the room.</summary>
    public string ClientId { get; }

    /// <summary>The join data from <c>Join(data: …)</c> as JSON text (<c>{}</c> when none).</summary>
    public string JoinDataJson { get; }

    /// <summary>The join data parsed (parsed on first use).</summary>
    public JsonElement JoinData
    {
        get
        {
            if (joinData is null)
            {
                using var document = JsonDocument.Parse(JoinDataJson);
                joinData = document.RootElement.Clone();
            }

            return joinData.Value;
        }
    }

    /// <summary>Client tags from the seat token.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>A string property of the join data, or <paramref name="fallback"/> when absent or not a string.</summary>
    public string? GetString(string property, string? fallback = null) =>
        JoinData.ValueKind == JsonValueKind.Object && JoinData.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : fallback;
}
