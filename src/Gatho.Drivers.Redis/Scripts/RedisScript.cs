using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Gatho.Drivers.Redis.Scripts;

/// <summary>
/// One Lua script run by its SHA1 (<c>EVALSHA</c>). The first call on a node that does not know it — a fresh node, a
/// restarted or flushed Redis — answers <c>NOSCRIPT</c>; the script is then sent once with <c>EVAL</c>, which loads it
/// into that node's script cache (routed by the key, so it lands on the node that owns the slot), and later calls
/// are back on <c>EVALSHA</c>.
/// </summary>
internal sealed class RedisScript
{
    private readonly byte[] sha;

    public RedisScript(string name, string text)
    {
        Name = name;
        Text = text;
        sha = SHA1.HashData(Encoding.UTF8.GetBytes(text));
    }

    public string Name { get; }

    public string Text { get; }

    /// <summary>How many times this script was (re)loaded after <c>NOSCRIPT</c> (observable in tests).</summary>
    public int Loads => loads;

    private int loads;

    public async Task<RedisResult> RunAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await database.ScriptEvaluateAsync(sha, keys, values).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref loads);
            return await database.ScriptEvaluateAsync(Text, keys, values).ConfigureAwait(false);
        }
    }
}
