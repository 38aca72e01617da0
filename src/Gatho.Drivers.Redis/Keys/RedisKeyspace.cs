using StackExchange.Redis;

namespace Gatho.Drivers.Redis.Keys;

/// <summary>
/// Names under the driver's hash tag. Scripts get only the tag (<c>{prefix}</c>) as <c>KEYS[1]</c> and build every key
/// from it (library.lua has the full layout), so the whole keyspace is one Redis Cluster slot; C# names only the
/// pub/sub channels and the keys push readers read directly.
/// </summary>
internal sealed class RedisKeyspace
{
    public RedisKeyspace(string prefix)
    {
        Tag = "{" + prefix + "}";
        ScriptKeys = [new RedisKey(Tag)];
    }

    /// <summary>The hash tag itself, e.g. <c>{gatho}</c>.</summary>
    public string Tag { get; }

    /// <summary><c>KEYS</c> for every script: the tag, which routes the call to the slot owning the keyspace.</summary>
    public RedisKey[] ScriptKeys { get; }

    /// <summary>Where assignments and removals for one server are pushed: <c>assigned &lt;room&gt; &lt;type&gt;</c>, <c>removed &lt;room&gt;</c>.</summary>
    public RedisChannel ServerEvents(string serverId) => RedisChannel.Literal($"{Tag}:events:{serverId}");

    /// <summary>Where one room's <c>ready</c> / <c>failed</c> signal is published.</summary>
    public RedisChannel RoomSignals(string roomId) => RedisChannel.Literal($"{Tag}:room:{roomId}:signals");

    /// <summary>A room's hash (fields, data and <c>t:</c>-prefixed tags).</summary>
    public RedisKey Room(string roomId) => $"{Tag}:room:{roomId}";

    /// <summary>A deleted room's creation data, kept a minute for late push readers.</summary>
    public RedisKey RoomData(string roomId) => $"{Tag}:room:{roomId}:data";

    /// <summary>Why a room failed (signals carry no text; kept a minute).</summary>
    public RedisKey RoomFailure(string roomId) => $"{Tag}:room:{roomId}:failure";
}
