namespace Gatho.Room.Runtime;

/// <summary>
/// Who a new connection claims to be once its seat token verified (or, in standalone mode, a fresh identity).
/// </summary>
internal sealed record Admission(
    string ClientId,
    string JoinDataJson,
    IReadOnlyDictionary<string, string> Tags,
    string? TokenId,
    DateTimeOffset? ForgetTokenAfter);
