using System.Security.Cryptography;

namespace Gatho.Room.Reconnection;

/// <summary>
/// Session token → client, in room memory only. Tokens are 128 random bits as 32 lowercase hex characters (gatho's
/// shape) and rotate on every successful resume, so an old token stops working at once.
/// </summary>
internal sealed class SessionTokens<TClient>
    where TClient : class
{
    private readonly Dictionary<string, TClient> byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<TClient, string> byClient = new(ReferenceEqualityComparer.Instance);

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

    /// <summary>Revokes the client's token, if any.</summary>
    public void Revoke(TClient client)
    {
        if (byClient.Remove(client, out var token))
        {
            byToken.Remove(token);
        }
    }

    /// <summary>Revokes every token.</summary>
    public void Clear()
    {
        byToken.Clear();
        byClient.Clear();
    }

    private static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
