using System.Text.Json.Serialization;

namespace Gatho.Drivers.Redis.Records;

/// <summary>Source-generated JSON for client tag maps (no reflection, trim-safe).</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TagJson : JsonSerializerContext;
