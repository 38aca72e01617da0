using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Gatho.Room.Reconnection;

/// <summary>
/// Session token → client, in room memory only. Tokens are 128 random bits as 32 lowercase hex characters (gatho's
/// shape) and rotate on every successful resume, so an old token stops working at once. Written on the room thread;
/// <see cref="WasIssued"/> may be called from any thread (the HTTP upgrade asks it before a WebSocket exists).
/// </summary>
internal sealed class SessionTokens<TClient>
    where TClient : class
{
    // Revoked tokens remembered so a real client resuming a dead session still hears "invalid session" in-band (as
    // gatho), while a token the room never issued is refused at the HTTP layer. Bounded: oldest forgotten first.
    private const int RememberRevoked = 4096;

    private readonly ConcurrentDictionary<string, TClient> byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<TClient, string> byClient = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, byte> revoked = new(StringComparer.Ordinal);
    private readonly Queue<string> revokedOrder = new();

    /// <summary>Issues a new token for <paramref name="client"/>, revoking its previous one.</summary>
    public string Issue(TClient client)
    {
        Revoke(client);
        var token = NewToken();
        byToken[token] = client;
        byClient[client] = token;
        return token;
    }

    /// <summary>The client holding <paramref name="token"/>, or null.</summary>
    public TClient? Find(string token) => byToken.TryGetValue(token, out var client) ? client : null;

    /// <summary>True when this room issued <paramref name="token"/> (live, or revoked recently). Thread-safe.</summary>
    public bool WasIssued(string token) => byToken.ContainsKey(token) || revoked.ContainsKey(token);

    /// <summary>Revokes the client's token, if any.</summary>
    public void Revoke(TClient client)
    {
        if (byClient.Remove(client, out var token))
        {
            byToken.TryRemove(token, out _);
            Remember(token);
        }
    }

    /// <summary>Revokes every token.</summary>
    public void Clear()
    {
        byToken.Clear();
        byClient.Clear();
    }

    private void Remember(string token)
    {
        if (revoked.TryAdd(token, 0))
        {
            revokedOrder.Enqueue(token);
            if (revokedOrder.Count > RememberRevoked)
            {
                revoked.TryRemove(revokedOrder.Dequeue(), out _);
            }
        }
    }

    private static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
